#!/usr/bin/env python3
"""The roll-up report of docs/report.md computed by DuckDB with SQL: an
independent implementation to cross-check `cargo run --release --example
rollup` byte for byte, and the reference for its speed.

    pip install duckdb
    /usr/bin/time -v python3 scripts/duckdb_rollup.py DATASET_DIR OUT_DIR

Not used by the tests or CI.
"""
import csv
import os
import sys

import duckdb


def main(src, out):
    os.makedirs(out, exist_ok=True)
    con = duckdb.connect()
    f = lambda name: os.path.join(src, name)
    con.execute(f"""
    create table orgs as select * from read_csv('{f('organizations.csv')}', header=true, all_varchar=true);
    create table members as select id, org_id, cast(admitted as date) admitted, cast(official as date) official,
        cast("left" as date) "left" from read_csv('{f('members.csv')}', header=true, all_varchar=true);
    create table ov as select id, activity, body_org_id, cast(started as date) started
        from read_csv('{f('oversight.csv')}', header=true, all_varchar=true);
    create table subj as select oversight_id, subject_type, subject_id, violation, handled
        from read_csv('{f('oversight_subjects.csv')}', header=true, all_varchar=true);
    create table disc as select subject_type, status, body_org_id, cast(date as date) date
        from read_csv('{f('discipline.csv')}', header=true, all_varchar=true);
    -- ancestor-or-self closure
    create table anc as with recursive a(org, anc) as (
        select id, id from orgs
        union all
        select a.org, o.parent_id from a join orgs o on o.id = a.anc where o.parent_id is not null
    ) select * from a;
    """)
    bounds = con.execute("select min(year(started)), max(year(started)) from ov").fetchone()
    header_r = ["org_id", "year", "inspections", "supervisions", "org_visits", "orgs_distinct", "member_visits",
                "members_distinct", "violations", "handled", "member_discipline_decisions",
                "org_discipline_decisions", "members_official", "members_probationary"]
    header_t = ["org_id", "term_start", "baseline", "current", "status", "resolution"]
    if bounds[0] is None:
        for name, h in (("rollup.csv", header_r), ("term.csv", header_t)):
            with open(os.path.join(out, name), "w", newline="") as fh:
                csv.writer(fh, lineterminator="\n").writerow(h)
        return
    y0, y1 = bounds
    con.execute(f"""
    create table years as select range as y from range({y0}, {y1 + 1});
    create table ov_own as select body_org_id org, year(started) y,
        count(*) filter (where activity = 'inspection') insp,
        count(*) filter (where activity = 'supervision') sup
        from ov group by all;
    create table s as select ov.body_org_id org, year(ov.started) y, subj.subject_type t, subj.subject_id sid,
        subj.violation = 'true' v, subj.handled is not null and subj.handled <> '' h
        from subj join ov on ov.id = subj.oversight_id;
    create table s_own as select org, y, count(*) filter (where t = 'organization') ov_,
        count(*) filter (where t = 'member') mv, count(*) filter (where v) vi, count(*) filter (where v and h) ha
        from s group by all;
    create table s_dist as select a.anc org, s.y,
        count(distinct s.sid) filter (where s.t = 'organization') od,
        count(distinct s.sid) filter (where s.t = 'member') md
        from s join anc a on a.org = s.org group by all;
    create table d_own as select body_org_id org, year(date) y,
        count(*) filter (where subject_type = 'member') dm, count(*) filter (where subject_type = 'organization') dorg
        from disc where status = 'decided' group by all;
    create table m_own as select m.org_id org, years.y,
        count(*) filter (where m.official is not null and m.official <= make_date(years.y, 12, 31)) mo,
        count(*) filter (where m.official is null or m.official > make_date(years.y, 12, 31)) mp
        from members m join years on m.admitted <= make_date(years.y, 12, 31)
            and (m."left" is null or m."left" > make_date(years.y, 12, 31))
        group by all;
    create table r as
    with own as (
        select org, y, insp, sup, 0 ov_, 0 mv, 0 vi, 0 ha, 0 dm, 0 dorg, 0 mo, 0 mp from ov_own
        union all select org, y, 0, 0, ov_, mv, vi, ha, 0, 0, 0, 0 from s_own
        union all select org, y, 0, 0, 0, 0, 0, 0, dm, dorg, 0, 0 from d_own
        union all select org, y, 0, 0, 0, 0, 0, 0, 0, 0, mo, mp from m_own
    ), tot as (
        select a.anc org, own.y, sum(insp) insp, sum(sup) sup, sum(ov_) ov_, sum(mv) mv, sum(vi) vi, sum(ha) ha,
            sum(dm) dm, sum(dorg) dorg, sum(mo) mo, sum(mp) mp
        from own join anc a on a.org = own.org group by all
    )
    select o.id org_id, years.y "year",
        coalesce(insp, 0) insp, coalesce(sup, 0) sup, coalesce(ov_, 0) ov_, coalesce(od, 0) od,
        coalesce(mv, 0) mv, coalesce(md, 0) md, coalesce(vi, 0) vi, coalesce(ha, 0) ha,
        coalesce(dm, 0) dm, coalesce(dorg, 0) dorg, coalesce(mo, 0) mo, coalesce(mp, 0) mp
    from orgs o cross join years
    left join tot on tot.org = o.id and tot.y = years.y
    left join s_dist on s_dist.org = o.id and s_dist.y = years.y;
    """)
    rows = con.execute('select * from r order by encode(org_id), "year"').fetchall()
    with open(os.path.join(out, "rollup.csv"), "w", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(header_r)
        w.writerows(rows)
    ts = y1 - 4
    term = con.execute(f"""
    select * from (select r.org_id,
        sum(insp + sup) filter (where "year" between {ts - 5} and {ts - 1}) base,
        sum(insp + sup) filter (where "year" between {ts} and {y1}) cur,
        sum(vi) filter (where "year" between {ts} and {y1}) vi,
        sum(ha) filter (where "year" between {ts} and {y1}) ha
    from r join orgs o on o.id = r.org_id where o.level in ('central', 'provincial', 'district')
    group by all) order by encode(org_id)
    """).fetchall()
    with open(os.path.join(out, "term.csv"), "w", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(header_t)
        for org, base, cur, vi, ha in term:
            base, cur, vi, ha = base or 0, cur or 0, vi or 0, ha or 0
            if base == 0:
                status = "no_baseline"
            elif 100 * cur < 110 * base:
                status = "below"
            elif 100 * cur > 120 * base:
                status = "above"
            else:
                status = "within"
            if vi == 0:
                res = ""
            else:
                hundredths = (ha * 10000 * 2 + vi) // (2 * vi)
                res = f"{hundredths // 100}.{hundredths % 100:02d}"
            w.writerow([org, ts, base, cur, status, res])


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("usage: duckdb_rollup.py DATASET_DIR OUT_DIR")
    main(sys.argv[1], sys.argv[2])
