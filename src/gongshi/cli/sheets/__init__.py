"""The 台账 (spreadsheet) round trip: export a workbook, read a returned one with bounded work, put its rows
together per record, and edit the data files in place so that only edited cells change them."""
