#!/usr/bin/env python3
"""The roll-up report of docs/report.md computed by DuckDB with SQL: an
independent implementation to cross-check `cargo run --release --example
rollup` byte for byte, and the reference for its speed. A dataset of format
version 2 (org_moves.csv, org_lineage.csv, member_moves.csv) is counted as
it was, on the tree of each record's day, and rebased.csv is written too.

    pip install duckdb
    /usr/bin/time -v python3 scripts/duckdb_rollup.py DATASET_DIR OUT_DIR

Not used by the tests or CI.
"""
import csv
import os
import sys
from fractions import Fraction

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
    """)
    v2 = os.path.exists(f("org_moves.csv"))
    moves = f"read_csv('{f('org_moves.csv')}', header=true, all_varchar=true)" if v2 else \
        "(select null::varchar org_id, null::varchar date, null::varchar parent_id where false)"
    mmoves = f"read_csv('{f('member_moves.csv')}', header=true, all_varchar=true)" \
        if os.path.exists(f("member_moves.csv")) else \
        "(select null::varchar member_id, null::varchar date, null::varchar org_id where false)"
    con.execute(f"""
    -- each organization's parent on the days lo <= d < hi
    create table pspan as
    with ch as (
        select id org, cast('0001-01-01' as date) d, parent_id parent from orgs
        union all select org_id, cast(date as date), parent_id from {moves}
    ) select org, parent, d lo,
        coalesce(lead(d) over (partition by org order by d), cast('9999-12-31' as date)) hi
      from ch;
    -- ancestor-or-self closure of the day: (org, anc) on lo <= d < hi
    create table anc as with recursive a(org, anc, lo, hi) as (
        select id, id, cast('0001-01-01' as date), cast('9999-12-31' as date) from orgs
        union all
        select a.org, p.parent, greatest(a.lo, p.lo), least(a.hi, p.hi)
        from a join pspan p on p.org = a.anc
        where p.parent is not null and p.lo < a.hi and a.lo < p.hi
    ) select * from a;
    -- each member's organization on the days lo <= d < hi
    create table mspan as
    with ch as (
        select id member, admitted d, org_id org from members
        union all select member_id, cast(date as date), org_id from {mmoves}
    ) select member, org, d lo,
        coalesce(lead(d) over (partition by member order by d), cast('9999-12-31' as date)) hi
      from ch;
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
    -- own counts by (organization, day), then up the tree of that day
    create table ov_own as select body_org_id org, started d,
        count(*) filter (where activity = 'inspection') insp,
        count(*) filter (where activity = 'supervision') sup
        from ov group by all;
    create table s as select ov.body_org_id org, ov.started d, subj.subject_type t, subj.subject_id sid,
        subj.violation = 'true' v, subj.handled is not null and subj.handled <> '' h
        from subj join ov on ov.id = subj.oversight_id;
    create table s_own as select org, d, count(*) filter (where t = 'organization') ov_,
        count(*) filter (where t = 'member') mv, count(*) filter (where v) vi, count(*) filter (where v and h) ha
        from s group by all;
    create table s_dist as select a.anc org, year(s.d) y,
        count(distinct s.sid) filter (where s.t = 'organization') od,
        count(distinct s.sid) filter (where s.t = 'member') md
        from s join anc a on a.org = s.org and a.lo <= s.d and s.d < a.hi group by all;
    create table d_own as select body_org_id org, date d,
        count(*) filter (where subject_type = 'member') dm, count(*) filter (where subject_type = 'organization') dorg
        from disc where status = 'decided' group by all;
    create table m_own as select ms.org, make_date(years.y, 12, 31) d,
        count(*) filter (where m.official is not null and m.official <= make_date(years.y, 12, 31)) mo,
        count(*) filter (where m.official is null or m.official > make_date(years.y, 12, 31)) mp
        from members m join years on m.admitted <= make_date(years.y, 12, 31)
            and (m."left" is null or m."left" > make_date(years.y, 12, 31))
        join mspan ms on ms.member = m.id and ms.lo <= make_date(years.y, 12, 31)
            and make_date(years.y, 12, 31) < ms.hi
        group by all;
    create table r as
    with own as (
        select org, d, insp, sup, 0 ov_, 0 mv, 0 vi, 0 ha, 0 dm, 0 dorg, 0 mo, 0 mp from ov_own
        union all select org, d, 0, 0, ov_, mv, vi, ha, 0, 0, 0, 0 from s_own
        union all select org, d, 0, 0, 0, 0, 0, 0, dm, dorg, 0, 0 from d_own
        union all select org, d, 0, 0, 0, 0, 0, 0, 0, 0, mo, mp from m_own
    ), tot as (
        select a.anc org, year(own.d) y, sum(insp) insp, sum(sup) sup, sum(ov_) ov_, sum(mv) mv, sum(vi) vi,
            sum(ha) ha, sum(dm) dm, sum(dorg) dorg, sum(mo) mo, sum(mp) mp
        from own join anc a on a.org = own.org and a.lo <= own.d and own.d < a.hi group by all
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
    rebased(con, f, out, ts, y1, v2)


def status_of(base, cur):
    if base == 0:
        return "no_baseline"
    if 100 * cur < 110 * base:
        return "below"
    if 100 * cur > 120 * base:
        return "above"
    return "within"


def two_decimals(x):
    hundredths = (x.numerator * 200 + x.denominator) // (2 * x.denominator)
    return f"{hundredths // 100}.{hundredths % 100:02d}"


def rebased(con, f, out, ts, y1, v2):
    """rebased.csv: every oversight row of the two terms mapped onto the
    organizations of T = 31 December of the latest year, with exact weights
    (numerator and denominator carried through a recursive query)."""
    lineage = f"read_csv('{f('org_lineage.csv')}', header=true, all_varchar=true)" \
        if os.path.exists(f("org_lineage.csv")) else \
        "(select null::varchar predecessor_id, null::varchar successor_id, null::varchar weight where false)"
    t = f"make_date({y1}, 12, 31)"
    con.execute(f"""
    create table links as
        select predecessor_id pred, successor_id succ, cast(weight as bigint) w from {lineage}
        union all select id, successor_id, 1 from orgs where successor_id is not null and successor_id <> '';
    create table linkw as select pred, succ, w, sum(w) over (partition by pred) total from links;
    create table ostate as select id, cast(established as date) est, cast(dissolved as date) dis,
        cast(established as date) <= {t} and (dissolved is null or dissolved = '' or {t} < cast(dissolved as date)) alive,
        id in (select pred from links) has_links
        from orgs;
    -- what each body maps to on T: (src, cur, num, den) until cur exists on T
    create table mapped as with recursive m(src, cur, num, den) as (
        select id, id, 1::hugeint, 1::hugeint from ostate where est <= {t}
        union all
        select m.src, x.nxt, m.num * x.w, m.den * x.total from m
        join ostate s on s.id = m.cur and not s.alive and s.dis is not null
        join (
            select pred cur, succ nxt, w, total from linkw
            union all
            select s2.id, p.parent, 1, 1 from ostate s2 join pspan p on p.org = s2.id
                and p.lo <= s2.dis - 1 and s2.dis - 1 < p.hi
            where not s2.has_links and s2.dis is not null and p.parent is not null
        ) x on x.cur = m.cur
    ) select m.src, m.cur, m.num, m.den from m join ostate s on s.id = m.cur where s.alive;
    create table bodyc as select body_org_id org,
        count(*) filter (where year(started) between {ts - 5} and {ts - 1}) base,
        count(*) filter (where year(started) between {ts} and {y1}) cur
        from ov group by all;
    """)
    rows = con.execute(f"""
    select a.anc, m.den, sum(b.base * m.num) bn, sum(b.cur * m.num) cn
    from bodyc b join mapped m on m.src = b.org
    join anc a on a.org = m.cur and a.lo <= {t} and {t} < a.hi
    group by all
    """).fetchall()
    sums = {}
    for org, den, bn, cn in rows:
        b, c = sums.get(org, (Fraction(0), Fraction(0)))
        sums[org] = (b + Fraction(int(bn), int(den)), c + Fraction(int(cn), int(den)))
    ids = con.execute(f"""
    select id from ostate join orgs using (id) where alive and level in ('central', 'provincial', 'district', 'grassroots')
    order by encode(id)
    """).fetchall()
    with open(os.path.join(out, "rebased.csv"), "w", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(["org_id", "term_start", "baseline", "current", "status"])
        for (org,) in ids:
            b, c = sums.get(org, (Fraction(0), Fraction(0)))
            w.writerow([org, ts, two_decimals(b), two_decimals(c), status_of(b, c)])


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("usage: duckdb_rollup.py DATASET_DIR OUT_DIR")
    main(sys.argv[1], sys.argv[2])
