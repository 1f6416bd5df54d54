// The agent's spreadsheet of 50 contacts the browser tests import: line 11 repeats 13900000001 (a
// number the test makes the agent hold first), line 21 has a 7-digit phone and line 31 no name;
// row i (from 0) otherwise has the phone 1390001 + i in four digits.
const ExcelJS = require('exceljs');

/** The phone of the spreadsheet's row `i` (from 0) when it is one of the good rows. */
const importedPhone = (i) => `1390001${String(i).padStart(4, '0')}`;

async function contactsWorkbook() {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('客户');
  sheet.addRow(['姓名', '手机', '性别', '生日', '备注', '标签', '微信好友', '持有保单数']);
  for (let i = 0; i < 50; i += 1) {
    const phone = i === 9 ? '13900000001' : i === 19 ? '1390000' : importedPhone(i);
    sheet.addRow([i === 29 ? '' : `导入客户${i + 1}`, phone, i % 2 ? '男' : '女', new Date(Date.UTC(1985, 2, 1 + i)), i === 0 ? '同小区邻居' : '', 'P100', i < 10 ? '是' : '否', i === 0 ? 1 : 0]);
  }
  return Buffer.from(await book.xlsx.writeBuffer());
}

module.exports = { contactsWorkbook, importedPhone };
