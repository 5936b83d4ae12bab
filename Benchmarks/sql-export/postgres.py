#!/usr/bin/env python3
"""Issue 21 item 5: leads a second of the exported PostgreSQL query, in a real PostgreSQL, against
`leadscore score` on the same leads, every row checked equal (points, tier, probability).

Run through bin/with-postgres (it starts a throwaway server and sets LEADSCORE_TEST_PG/LEADSCORE_TEST_PSQL):

    bin/with-postgres python3 Benchmarks/sql-export/postgres.py --binary after=.build/release/leadscore \
        [--binary before=/path/to/old/leadscore] [--repeats 3] CARD=DATA.csv …

For each CARD=DATA pair the CSV is copied into a table of TEXT columns (what a CSV import gives; empty
fields are NULL) with a `leadscore_row` number, and for each binary `export-sql CARD --dialect postgres`
is run by psql exactly as printed, its rows written as CSV to a file (`psql --csv -f query.sql > out`):
the wall time of that psql process (the server scoring and psql printing 200 000 rows), median of the
repeats. Then the scoring inside the database alone: `CREATE TEMP TABLE … AS query` in one session, its
wall time (psql's timing) and the CPU time of the server process that ran it (from /proc; parallel
workers off so all the work is that process's). On a machine shared with other work the wall times
depend on the load; the CPU time does not. Every row of every psql run is compared with `leadscore
score CARD DATA` of the last binary (points, tier, probability). Prints a Markdown table and one JSON line
per measurement.
"""
import argparse, csv, json, os, statistics, subprocess, sys, tempfile, time


def psql(connection, *arguments, stdin=None, stdout=subprocess.PIPE):
    command = [os.environ.get("LEADSCORE_TEST_PSQL", "psql"), connection, "-X", "-q", "-v", "ON_ERROR_STOP=1", *arguments]
    return subprocess.run(command, input=stdin, stdout=stdout, stderr=subprocess.PIPE, check=True, text=True)


def quote(name):
    return '"' + name.replace('"', '""') + '"'


def in_database(connection, query, folder):
    """`CREATE TEMP TABLE … AS query` in one session: the statement's wall time (psql's \\timing) and the
    CPU time of the server process that ran it (user + system from /proc, read before and after by psql
    itself). Parallel workers are off so that all the work is that process's."""
    ticks = os.path.join(folder, "ticks")
    script = "\n".join([
        "SET max_parallel_workers_per_gather = 0;",
        "SELECT pg_backend_pid() AS pid \\gset",
        "\\setenv LEADSCORE_PID :pid",
        f"\\! awk '{{print $14 + $15}}' /proc/$LEADSCORE_PID/stat > {ticks}.before",
        "\\timing on",
        "CREATE TEMP TABLE leadscore_scored AS " + query.rstrip().rstrip(";") + ";",
        "\\timing off",
        f"\\! awk '{{print $14 + $15}}' /proc/$LEADSCORE_PID/stat > {ticks}.after",
    ]) + "\n"
    printed = psql(connection, stdin=script).stdout
    milliseconds = float(printed.split("Time: ")[1].split(" ms")[0])
    used = int(open(ticks + ".after").read()) - int(open(ticks + ".before").read())
    return milliseconds / 1000, used / os.sysconf("SC_CLK_TCK")


def load(connection, table, data):
    with open(data, newline="") as handle:
        header = next(csv.reader(handle))
    columns = ", ".join(f"{quote(c)} TEXT" for c in header)
    psql(connection, "-c", f"DROP TABLE IF EXISTS {table}; CREATE TABLE {table} (leadscore_row BIGSERIAL, {columns});")
    column_list = ", ".join(quote(c) for c in header)
    psql(connection, "-c", f"\\copy {table} ({column_list}) FROM '{data}' WITH (FORMAT csv, HEADER true)")
    psql(connection, "-c", f"VACUUM ANALYZE {table};")
    return int(psql(connection, "-t", "-A", "-c", f"SELECT COUNT(*) FROM {table};").stdout.strip())


def expected_scores(binary, card, data, folder):
    out = os.path.join(folder, "scored.csv")
    subprocess.run([binary, "score", card, data, "--out", out], check=True, stdout=subprocess.DEVNULL)
    with open(out, newline="") as handle:
        rows = list(csv.DictReader(handle))
    return [(int(r["points"]), r["tier"], float(r["probability"]) if r["probability"] else None) for r in rows]


def compare(out, expected):
    with open(out, newline="") as handle:
        rows = list(csv.DictReader(handle))
    if len(rows) != len(expected):
        return f"{len(rows)} rows, expected {len(expected)}"
    for row in rows:
        index = int(row["leadscore_row"]) - 1
        # `score` writes the probability rounded to 4 decimals (issue 18); the query keeps full precision.
        got = (int(row["points"]), row["tier"], round(float(row["probability"]), 4) if row["probability"] else None)
        if got != expected[index]:
            return f"row {index + 1}: {got} against score's {expected[index]}"
    return None


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--binary", action="append", required=True, help="LABEL=PATH of a leadscore binary")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("pairs", nargs="+", help="CARD=DATA.csv")
    options = parser.parse_args()
    connection = os.environ["LEADSCORE_TEST_PG"]
    binaries = [tuple(b.split("=", 1)) for b in options.binary]
    results = []
    with tempfile.TemporaryDirectory(prefix="leadscore-pg-bench.") as folder:
        for number, pair in enumerate(options.pairs):
            card, data = pair.split("=", 1)
            table = f"leads_{number}"
            rows = load(connection, table, os.path.abspath(data))
            expected = expected_scores(binaries[-1][1], card, data, folder)
            for label, binary in binaries:
                query = subprocess.run([binary, "export-sql", card, "--dialect", "postgres", "--table", table],
                                       check=True, stdout=subprocess.PIPE, text=True).stdout
                query_file = os.path.join(folder, "query.sql")
                open(query_file, "w").write(query)
                walls, cpus, statement_walls = [], [], []
                for _ in range(options.repeats):
                    out = os.path.join(folder, "out.csv")
                    started = time.perf_counter()
                    with open(out, "w") as handle:
                        psql(connection, "--csv", "-f", query_file, stdout=handle)
                    walls.append(time.perf_counter() - started)
                    statement_wall, cpu = in_database(connection, query, folder)
                    statement_walls.append(statement_wall)
                    cpus.append(cpu)
                    problem = compare(out, expected)
                    if problem:
                        sys.exit(f"{label} on {card} / {data}: {problem}")
                wall = statistics.median(walls)
                result = {"card": card, "data": data, "rows": rows, "binary": label, "walls": walls,
                          "median_wall_s": wall, "leads_per_s": rows / wall, "server_cpus": cpus,
                          "median_server_cpu_s": statistics.median(cpus), "leads_per_server_cpu_s": rows / statistics.median(cpus),
                          "statement_walls": statement_walls, "median_statement_wall_s": statistics.median(statement_walls), "cleaned_once": "AS cleaned" in query,
                          "query_bytes": len(query.encode()), "equal_to_score": True,
                          "load_average": os.getloadavg()}
                results.append(result)
                print(json.dumps(result), file=sys.stderr, flush=True)
    print("| card | leads | query | psql to CSV: wall (median of %d) | leads/s | CREATE TABLE AS: wall | leads/s | server CPU | leads per CPU-second | load average (1 min) | every row equal to `score` |" % options.repeats)
    print("| --- | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |")
    for r in results:
        print(f"| {os.path.basename(r['card'])} | {r['rows']:,} | {r['binary']} ({'cleaned once' if r['cleaned_once'] else 'inline'}) "
              f"| {r['median_wall_s']:.2f} s | {r['leads_per_s']:,.0f} | {r['median_statement_wall_s']:.2f} s "
              f"| {r['rows'] / r['median_statement_wall_s']:,.0f} | {r['median_server_cpu_s']:.2f} s "
              f"| {r['leads_per_server_cpu_s']:,.0f} | {r['load_average'][0]:.1f} | yes |")


if __name__ == "__main__":
    main()
