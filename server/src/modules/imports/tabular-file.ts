import ExcelJS from 'exceljs';
import { parse as parseCsv } from 'csv-parse/sync';
import type { ImportFormat } from '@kejing/shared';
import { AppError } from '../../lib/app-error';

/** A file read as a table: the header row and each data row with its line in the file. */
export interface Table {
  headers: string[];
  rows: { line: number; cells: string[] }[];
}

const unreadable = (reason: string) => new AppError(400, 'unreadable_file', `文件无法读取：${reason}`, [{ field: 'contentBase64', reason }]);

/** YYYY-MM-DD of a date cell: Excel stores dates as instants at UTC midnight of the day shown. */
const dateText = (date: Date) => date.toISOString().slice(0, 10);

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return dateText(value);
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    if ('text' in value && typeof value.text === 'string') return value.text;
    if ('result' in value) return value.result === undefined || value.result === null ? '' : cellText(value.result as ExcelJS.CellValue);
    if ('error' in value) return '';
    return '';
  }
  return String(value);
}

async function readXlsx(bytes: Buffer): Promise<string[][]> {
  const workbook = new ExcelJS.Workbook();
  try {
    // exceljs's typings predate Node's generic Buffer; the bytes are what it wants.
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    throw unreadable('不是有效的 .xlsx 文件');
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw unreadable('工作簿里没有工作表');
  const table: string[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row, rowNumber) => {
    const cells: string[] = [];
    for (let c = 1; c <= row.cellCount; c += 1) cells.push(cellText(row.getCell(c).value).trim());
    table[rowNumber - 1] = cells;
  });
  for (let i = 0; i < table.length; i += 1) table[i] ??= [];
  return table;
}

function readCsv(bytes: Buffer): string[][] {
  // Excel in China saves CSV as GB18030 unless told otherwise; UTF-8 (with or without BOM) is tried first.
  let text = new TextDecoder('utf-8', { fatal: false }).decode(bytes);
  if (text.includes('\uFFFD')) text = new TextDecoder('gb18030').decode(bytes);
  try {
    return parseCsv(text.replace(/^\uFEFF/, ''), { relax_column_count: true, skip_empty_lines: false, trim: true }) as string[][];
  } catch (error) {
    throw unreadable(`CSV 格式有误（${(error as Error).message.slice(0, 80)}）`);
  }
}

/** Reads the first sheet (xlsx) or the whole file (CSV); the first non-empty row is the header. Empty rows are skipped but keep their line numbers. */
export async function readTable(bytes: Buffer, format: ImportFormat, maxRows: number): Promise<Table> {
  const grid = format === 'xlsx' ? await readXlsx(bytes) : readCsv(bytes);
  const blank = (cells: string[]) => cells.every((c) => c === '');
  const headerIndex = grid.findIndex((cells) => !blank(cells));
  if (headerIndex < 0) throw unreadable('文件是空的');
  const headers = grid[headerIndex].map((h) => h.trim());
  const rows: Table['rows'] = [];
  for (let i = headerIndex + 1; i < grid.length; i += 1) {
    if (blank(grid[i])) continue;
    rows.push({ line: i + 1, cells: grid[i] });
  }
  if (rows.length === 0) throw unreadable('除表头外没有数据行');
  if (rows.length > maxRows) throw new AppError(413, 'too_many_rows', `一次最多导入 ${maxRows} 行，文件有 ${rows.length} 行`, [{ field: 'contentBase64', reason: `超过 ${maxRows} 行，请拆成几个文件` }]);
  return { headers, rows };
}
