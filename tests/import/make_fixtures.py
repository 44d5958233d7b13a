"""Writes the import fixtures with real spreadsheet writers: openpyxl (.xlsx), xlwt
(.xls, the Excel 97-2003 format; merged.xls has merged cells) and odfpy (.ods,
LibreOffice/WPS; merged.ods too), and Python's csv module. Run once: pip install openpyxl xlwt odfpy &&
python3 make_fixtures.py. The files are committed; the tests read them. (The workbooks
laid out as offices keep them are written by tests/import.rs itself.)"""
import csv
from openpyxl import Workbook
import xlwt
from odf.opendocument import OpenDocumentSpreadsheet
from odf.table import Table, TableRow, TableCell, CoveredTableCell
from odf.text import P

GOOD = [
    ["题目类型", "题目", "选项A", "选项B", "选项C", "选项D", "正确答案", "答案解析", "出处"],
    ["单选题", "中国共产党第一次全国代表大会在哪里开幕？", "北京", "上海", "广州", "嘉兴", "B", "中共一大在上海开幕。", "jianshi/ch01"],
    ["多选", "“南陈北李”指的是哪两位？", "陈独秀", "李大钊", "李达", None, "AB", "指陈独秀和李大钊。", None],
    ["判断", "遵义会议于1935年1月召开。", None, None, None, None, "√", None, "简史第二章"],
    ["填空", "中国共产党成立于____年，一大代表共____人。", None, None, None, None, "1921；13|十三", "见第一章。", None],
]
BAD = [
    ["题型", "题干", "选项A", "选项B", "选项C", "答案"],
    ["问答题", "什么是党史学习教育？", None, None, None, "略"],
    ["单选", "一大在哪里开幕？", "北京", "上海", None, "D"],
    ["单选", None, "北京", "上海", None, "A"],
    ["填空", "中国共产党成立于____年。", None, None, None, "1921；7"],
    ["判断", "五四运动发生在1919年。", None, None, None, "对"],
]

# 题型 merged over rows 2-4 and 解析 over rows 2-3, as offices merge them.
MERGED = [
    ["题型", "题干", "选项A", "选项B", "答案", "解析"],
    ["单选", "甲？", "一", "二", "A", "同一段解析"],
    [None, "乙？", "一", "二", "B", None],
    [None, "丙？", "一", "二", "A", "另一段"],
]

def merged_xls(name, rows):
    wb = xlwt.Workbook(encoding="utf-8")
    ws = wb.add_sheet("题库")
    for i, r in enumerate(rows):
        for j, c in enumerate(r):
            if c is not None and not (j == 0 and 1 <= i <= 3) and not (j == 5 and 1 <= i <= 2):
                ws.write(i, j, c)
    ws.write_merge(1, 3, 0, 0, "单选")
    ws.write_merge(1, 2, 5, 5, "同一段解析")
    wb.save(name)

def xlsx(name, rows):
    wb = Workbook()
    ws = wb.active
    ws.title = "题库"
    for r in rows:
        ws.append(r)
    wb.save(name)

def xls(name, rows):
    wb = xlwt.Workbook(encoding="utf-8")
    ws = wb.add_sheet("题库")
    for i, r in enumerate(rows):
        for j, c in enumerate(r):
            if c is not None:
                ws.write(i, j, c)
    wb.save(name)

def ods(name, rows):
    doc = OpenDocumentSpreadsheet()
    table = Table(name="题库")
    for r in rows:
        tr = TableRow()
        for c in r:
            cell = TableCell(valuetype="string") if c is not None else TableCell()
            if c is not None:
                cell.addElement(P(text=c))
            tr.addElement(cell)
        table.addElement(tr)
    doc.spreadsheet.addElement(table)
    doc.save(name)

def merged_ods(name, rows):
    """As LibreOffice saves merges: the first cell spans, the covered ones are
    covered-table-cell; an empty column and rows repeated, as it writes the rest of a sheet."""
    doc = OpenDocumentSpreadsheet()
    table = Table(name="题库")
    for i, r in enumerate(rows):
        tr = TableRow()
        for j, c in enumerate(r):
            if (j == 0 and 2 <= i <= 3) or (j == 5 and i == 2):
                tr.addElement(CoveredTableCell())
                continue
            cell = TableCell(valuetype="string") if c is not None else TableCell()
            if (i, j) == (1, 0):
                cell.setAttribute("numberrowsspanned", "3")
            if (i, j) == (1, 5):
                cell.setAttribute("numberrowsspanned", "2")
            if c is not None:
                cell.addElement(P(text=c))
            tr.addElement(cell)
        tr.addElement(TableCell(numbercolumnsrepeated="1018"))
        table.addElement(tr)
    table.addElement(TableRow(numberrowsrepeated="1048572"))
    doc.spreadsheet.addElement(table)
    doc.save(name)

xlsx("good.xlsx", GOOD)
xls("good.xls", GOOD)
ods("good.ods", GOOD)
xlsx("bad.xlsx", BAD)
merged_xls("merged.xls", MERGED)
merged_ods("merged.ods", MERGED)
with open("gb18030.csv", "w", encoding="gb18030", newline="") as f:
    w = csv.writer(f)
    for r in GOOD:
        w.writerow(["" if c is None else c for c in r])
