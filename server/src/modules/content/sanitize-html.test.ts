import { hasArticleContent, sanitizeArticleHtml } from './sanitize-html';

// A corpus of XSS payloads (OWASP's filter-evasion cheat sheet and html5sec.org, in spirit):
// every one must come out without a script element, an event handler or a script-bearing URL.
const PAYLOADS = [
  '<script>alert(1)</script>',
  '<SCRIPT SRC=https://evil.example/xss.js></SCRIPT>',
  '<scr<script>ipt>alert(1)</scr</script>ipt>',
  '<img src=x onerror=alert(1)>',
  '<img src="x" onerror="alert(1)">',
  '<IMG SRC=javascript:alert(1)>',
  '<IMG SRC=JaVaScRiPt:alert(1)>',
  '<img src="jav&#x09;ascript:alert(1)">',
  '<img src="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)">',
  '<img src="&#x6A&#x61&#x76&#x61&#x73&#x63&#x72&#x69&#x70&#x74&#x3A;alert(1)">',
  '<img """><script>alert(1)</script>">',
  '<img src=`javascript:alert(1)`>',
  '<img/src=x/onerror=alert(1)>',
  '<svg onload=alert(1)>',
  '<svg><script>alert(1)</script></svg>',
  '<math><mi xlink:href="javascript:alert(1)">x</mi></math>',
  '<body onload=alert(1)>',
  '<iframe src="javascript:alert(1)"></iframe>',
  '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
  '<object data="javascript:alert(1)"></object>',
  '<embed src="javascript:alert(1)">',
  '<a href="javascript:alert(1)">点我</a>',
  '<a href=" javascript:alert(1)">点我</a>',
  '<a href="java\nscript:alert(1)">点我</a>',
  '<a href="JAVASCRIPT:alert(1)">点我</a>',
  '<a href="vbscript:msgbox(1)">点我</a>',
  '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">点我</a>',
  '<a href="//evil.example/">protocol-relative</a>',
  '<a href="#" onclick="alert(1)">点我</a>',
  '<a href="https://ok.example/" onmouseover="alert(1)">悬停</a>',
  '<p style="background:url(javascript:alert(1))">样式</p>',
  '<div style="width: expression(alert(1))">IE</div>',
  '<style>@import "https://evil.example/x.css";</style>',
  '<link rel="stylesheet" href="javascript:alert(1)">',
  '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
  '<base href="javascript:alert(1)//">',
  '<form action="javascript:alert(1)"><button>提交</button></form>',
  '<input onfocus=alert(1) autofocus>',
  '<details open ontoggle=alert(1)>',
  '<video><source onerror="alert(1)"></video>',
  '<audio src=x onerror=alert(1)>',
  '<marquee onstart=alert(1)>',
  '<table background="javascript:alert(1)"><tr><td>x</td></tr></table>',
  '<td background="javascript:alert(1)">x</td>',
  '<!--<img src="--><img src=x onerror=alert(1)//">',
  '<![CDATA[<script>alert(1)</script>]]>',
  '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
  '<template><script>alert(1)</script></template>',
  '<xss id=x tabindex=1 onfocusin=alert(1)></xss>',
  '<p>正文</p><script>document.cookie</script>',
  '"><script>alert(1)</script>',
  "'';!--\"<XSS>=&{()}",
  '<img src="https://ok.example/a.png" alt="x" onload="alert(1)">',
  '<span onclick=alert(1)>文字</span>',
  '<section data-x="1" onclick="alert(1)">段落</section>',
];

/** What must never reach a reader: script elements, handlers, and URLs that run or embed code. */
function dangers(html: string): string[] {
  const found: string[] = [];
  if (/<\s*script/i.test(html)) found.push('script element');
  if (/<[^>]+\son[a-z]+\s*=/i.test(html)) found.push('event handler');
  if (/(?:href|src|action|background|data|formaction|xlink:href)\s*=\s*["']?\s*(?:javascript|vbscript|data):/i.test(html)) found.push('script URL');
  if (/<\s*(iframe|object|embed|style|link|meta|base|form|input|svg|math|template)\b/i.test(html)) found.push('dangerous element');
  if (/\sstyle\s*=/i.test(html)) found.push('style attribute');
  if (/href\s*=\s*["']?\/\//i.test(html)) found.push('protocol-relative link');
  return found;
}

describe('article HTML sanitising', () => {
  it.each(PAYLOADS)('leaves nothing that runs: %s', (payload) => {
    const clean = sanitizeArticleHtml(payload);
    expect(dangers(clean)).toEqual([]);
    // Decoded once more (as a careless client might do), it is still harmless.
    expect(dangers(clean.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"'))).not.toContain('event handler');
  });

  it('keeps the article itself: headings, paragraphs, emphasis, lists, tables, https images and links', () => {
    const html = '<h2>标题</h2><p>保额<strong>五十万</strong>，<em>终身</em>保障。</p><ul><li>一</li></ul>'
      + '<table><tbody><tr><td colspan="2">表格</td></tr></tbody></table>'
      + '<img src="https://cdn.example/a.png" alt="示意图"><a href="https://www.example.com/" title="官网">官网</a>';
    expect(sanitizeArticleHtml(html)).toBe(html.replace('alt="示意图">', 'alt="示意图" />'));
  });

  it('drops script and style contents instead of showing them as text', () => {
    expect(sanitizeArticleHtml('<p>前</p><script>alert("x")</script><style>p{}</style><p>后</p>')).toBe('<p>前</p><p>后</p>');
  });
});

// What the operator page's rich-text editor (Quill 2, getSemanticHTML) produces, as it produces it.
describe('the operator editor\'s HTML', () => {
  const upload = `/api/uploads/${'ab'.repeat(32)}`;

  it('keeps headings, paragraphs, emphasis, both kinds of list, quotes, links and our uploaded images', () => {
    const html = '<h2>重疾险怎么选</h2><h3>一、看保障</h3><p>保额<strong>五十万</strong>，<em>终身</em>，<u>下划线</u>，<s>删除线</s>。</p>'
      + '<ul><li>轻症</li><li>中症</li></ul><ol><li>先看责任</li><li>再看价格</li></ol><blockquote>引用一段话</blockquote>'
      + '<p><a href="https://www.example.com/">官网</a></p>'
      + `<p><img src="http://127.0.0.1:3000${upload}"></p><p><img src="${upload}"></p>`;
    expect(sanitizeArticleHtml(html)).toBe(html.replace(/"><\/p>/g, '" /></p>'));
  });

  it('strips what the editor adds for its own use: classes, inline styles, link targets, list markers, spellcheck', () => {
    const html = '<p class="ql-align-center" style="color: rgb(230, 0, 0);">居中</p>'
      + '<ol><li data-list="bullet" class="ql-indent-1"><span class="ql-ui" contenteditable="false"></span>一项</li></ol>'
      + '<p><a href="https://www.example.com/" rel="noopener noreferrer" target="_blank">链接</a></p>'
      + '<pre data-language="plain" spellcheck="false">代码</pre>';
    expect(sanitizeArticleHtml(html)).toBe('<p>居中</p><ol><li><span></span>一项</li></ol><p><a href="https://www.example.com/">链接</a></p>代码');
  });

  it('drops images a reader could not load: a bare file name, data: and blob: URLs, another site\'s path', () => {
    for (const src of ['x.png', 'data:image/png;base64,iVBORw0KGgo=', 'blob:http://127.0.0.1/1', '/api/other/1.png', `${upload}/../../x`, '//evil.example/a.png']) {
      expect(sanitizeArticleHtml(`<p>图<img src="${src}" alt="示意"></p>`)).toBe('<p>图</p>');
    }
  });

  it('counts a body as empty when the editor leaves only empty paragraphs', () => {
    expect(hasArticleContent(sanitizeArticleHtml('<p><br></p><p>&nbsp;</p>'))).toBe(false);
    expect(hasArticleContent(sanitizeArticleHtml('<p>一句话</p>'))).toBe(true);
    expect(hasArticleContent(sanitizeArticleHtml(`<p><img src="${upload}"></p>`))).toBe(true);
  });
});
