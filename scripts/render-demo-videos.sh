#!/bin/sh
# Renders the demo library's short sample videos (content/demo/videos/*.mp4) from each item's own
# cover with ffmpeg: a slow zoom and the item's three points as captions, H.264 baseline with
# faststart so WeChat's <video> and phone browsers start playing from the first bytes. The demo
# loader stores them as uploads (/api/uploads/<sha256>, served with byte ranges), so a newcomer's
# players play without any outside host. Each file stays well under 500 KB.
# Needs ffmpeg (apt-get install -y ffmpeg) and a CJK font (fonts-wqy-microhei).
# Run from the repo root after changing a cover or a caption: sh scripts/render-demo-videos.sh
set -eu
DEMO=content/demo
FONT=${DEMO_VIDEO_FONT:-/usr/share/fonts/truetype/wqy/wqy-microhei.ttc}
SECONDS_EACH=4

# render <cover> <out> <caption 1> <caption 2> <caption 3>
render() {
  cover=$1; out=$2; shift 2
  total=$((SECONDS_EACH * 3))
  filters="scale=960:-2,zoompan=z='min(zoom+0.0008,1.12)':d=$((total * 15)):s=640x360:fps=15,format=yuv420p"
  i=0
  for caption in "$@"; do
    from=$((i * SECONDS_EACH)); to=$((from + SECONDS_EACH))
    filters="$filters,drawtext=fontfile=$FONT:text='$caption':fontsize=34:fontcolor=white:box=1:boxcolor=black@0.55:boxborderw=14:x=(w-text_w)/2:y=h-text_h-36:enable='between(t,$from,$to)'"
    i=$((i + 1))
  done
  ffmpeg -hide_banner -loglevel error -y -loop 1 -i "$DEMO/images/$cover" -vf "$filters" -t "$total" \
    -c:v libx264 -profile:v baseline -level 3.0 -preset veryslow -crf 34 -r 15 -an -movflags +faststart \
    -map_metadata -1 -fflags +bitexact -flags:v +bitexact "$DEMO/videos/$out"
  echo "$DEMO/videos/$out: $(wc -c < "$DEMO/videos/$out") bytes"
}

mkdir -p "$DEMO/videos"
render cover-medical-million.jpg medical-million.mp4 '一 · 免赔额一万元左右怎么理解' '二 · 续保条件比首年保费更重要' '三 · 院外购药是否在保障范围内'
render cover-legacy-video.jpg legacy-planning.mp4 '一 · 受益人怎么指定' '二 · 投保人和被保险人如何安排' '三 · 保单贷款的资金周转作用'
render cover-silver-live.jpg silver-health-replay.mp4 '直播回放 · 慢病管理和体检安排' '老年人还能买哪些医疗保障' '养老金之外的每月开支安排'
