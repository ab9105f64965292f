/**
 * For the tests: a Python script printing, as JSON, the cells Python's csv module (an independent RFC 4180
 * reader) reads from each text of a JSON list on stdin. newline='' is what the csv docs require so that
 * quoted CR/LF survive. The tests run it with /usr/bin/python3 (core's sources stay free of node: imports).
 */
export const PYTHON_CSV_READER = `
import csv, io, json, sys
print(json.dumps([list(csv.reader(io.StringIO(t, newline=''))) for t in json.load(sys.stdin)]))
`;
