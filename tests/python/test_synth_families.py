"""The intended families (truth) and the family situations the generator must cover."""

from __future__ import annotations

import duckdb
import pytest

from lea.contract import TABLES


@pytest.fixture(scope="module")
def con(synth_small):
    landing, truth = synth_small
    c = duckdb.connect()
    for t in TABLES:
        c.execute(f"create view {t.name} as select * from read_parquet('{landing / (t.name + '.parquet')}')")
    c.execute(f"create view fam as select * from read_parquet('{truth / 'intended_families.parquet'}')")
    return c


def one(con, sql):
    return con.execute(sql).fetchone()[0]


def test_truth_counts_and_shape(con):
    years = con.execute("select stat_year, count(distinct family_key) from fam group by 1 order by 1").fetchall()
    assert [y for y, _ in years] == [2019, 2020, 2021]
    assert dict(years)[2021] == 1000  # N families with children in the last year
    assert all(900 < n <= 1100 for _, n in years)
    assert one(con, "select count(*) from fam where person_id not in (select person_id from dvv_persons)") == 0
    parents = con.execute(
        "select count(*) filter (where role = 'parent') as p, structure from fam"
        " group by family_key, stat_year, structure"
    ).fetchall()
    assert all((p == 2) == (s in ("married_couple", "cohabiting_couple")) and p in (1, 2) for p, s in parents)
    assert one(con, "select count(*) from (select stat_year, person_id from fam group by all having count(*) > 1)") == 0
    # every family lives where its members live on 31 Dec, in an ordinary study postcode
    assert (
        one(
            con,
            """
        select count(*) from fam as f where not exists (
            select 1 from dvv_residences as r where r.person_id = f.person_id
               and r.start_date <= make_date(f.stat_year, 12, 31)
               and coalesce(r.end_date, date '9999-12-31') >= make_date(f.stat_year, 12, 31)
               and r.postcode = f.postcode and r.municipality_code = f.municipality_code)""",
        )
        == 0
    )


def test_family_situations_are_all_there(con):
    last = "stat_year = 2021"
    shares = dict(
        con.execute(f"""select structure, count(distinct family_key) / 1000 from fam where {last}
                                 group by 1""").fetchall()
    )
    assert 0.17 <= shares["mother"] + shares["father"] <= 0.27  # about one in five lone parents
    assert shares["cohabiting_couple"] > 0.1 and shares["father"] > 0.01
    # same-sex registered partnership
    assert (
        one(
            con,
            """select count(*) from dvv_partnerships as p join dvv_persons as a on a.person_id = p.person_id_a
                       join dvv_persons as b on b.person_id = p.person_id_b
                       where p.partnership_type = 'registered_partnership' and a.sex = b.sex""",
        )
        > 0
    )
    # partners 16 or more years apart
    assert (
        one(
            con,
            """select count(*) from fam as a join fam as b using (stat_year, family_key)
                       join dvv_persons as pa on pa.person_id = a.person_id join dvv_persons as pb on pb.person_id = b.person_id
                       where a.role = 'parent' and b.role = 'parent' and a.person_id < b.person_id
                       and abs(year(pa.birth_date) - year(pb.birth_date)) >= 16""",
        )
        > 0
    )
    # twins
    assert (
        one(
            con,
            """select count(*) from (select f.family_key, p.birth_date from fam as f join dvv_persons as p using (person_id)
                       where f.role = 'child' and f.stat_year = 2021 group by all having count(*) = 2)""",
        )
        > 0
    )
    # step-children: a child of one parent of a couple only
    assert (
        one(
            con,
            """select count(*) from fam as c join fam as p using (stat_year, family_key)
                       where c.role = 'child' and p.role = 'parent' and p.structure like '%couple'
                       and not exists (select 1 from dvv_parent_child as pc where pc.parent_id = p.person_id and pc.child_id = c.person_id)""",
        )
        > 0
    )
    # adult children at home
    assert (
        one(
            con,
            """select count(*) from fam as f join dvv_persons as p using (person_id)
                       where f.role = 'child' and f.stat_year - year(p.birth_date) >= 18""",
        )
        > 0
    )
    # three generations: a parent whose own parent lives in the same dwelling on 31 Dec
    assert (
        one(
            con,
            """select count(*) from fam as f join dvv_parent_child as g on g.child_id = f.person_id
                       join dvv_residences as rp on rp.person_id = f.person_id
                       join dvv_residences as rg on rg.person_id = g.parent_id and rg.dwelling_id = rp.dwelling_id
                       where f.role = 'parent' and rp.end_date is null and rg.end_date is null""",
        )
        > 0
    )
    # a married couple living in different dwellings (the family is a lone parent's)
    assert (
        one(
            con,
            """select count(*) from fam as f join dvv_partnerships as p on f.person_id in (p.person_id_a, p.person_id_b)
                       where f.structure in ('mother', 'father') and f.stat_year = 2021 and p.end_date is null""",
        )
        > 0
    )
    # a child whose other parent lives elsewhere
    assert (
        one(
            con,
            """select count(*) from fam as c join dvv_parent_child as pc on pc.child_id = c.person_id
                       where c.role = 'child' and pc.parent_id not in (select person_id from fam as x where x.stat_year = c.stat_year
                       and x.family_key = c.family_key)""",
        )
        > 0
    )


def test_events_are_in_the_registers(con):
    assert one(con, "select count(*) from dvv_persons where death_date is not null") > 0
    assert one(con, "select count(*) from dvv_partnerships where end_date is not null") > 0  # divorces, deaths
    assert one(con, "select count(*) from dvv_persons where birth_date >= date '2017-01-01'") > 0  # births
    # emigration: a residence period ends and the next one starts after a gap, or none follows
    assert (
        one(
            con,
            """select count(*) from (select person_id, end_date, lead(start_date) over (partition by person_id order by start_date) as nxt
                       from dvv_residences) where end_date is not null and (nxt is null or nxt > end_date + 1)""",
        )
        > 0
    )
    moves = con.execute("""select count(*) filter (where a.municipality_code = b.municipality_code),
                                  count(*) filter (where a.municipality_code <> b.municipality_code)
                           from dvv_residences as a join dvv_residences as b on a.person_id = b.person_id
                           and b.start_date = a.end_date + 1 and a.dwelling_id <> b.dwelling_id""").fetchone()
    assert moves[0] > 0 and moves[1] > 0  # moves within and between municipalities
    # persons who live outside the study area
    assert (
        one(
            con,
            "select count(distinct person_id) from dvv_residences where municipality_code not in ('837','980','092','609','905','399')",
        )
        > 0
    )


def test_registers_cover_the_families(con):
    # child benefit to a parent of every family with a child under 17
    assert (
        one(
            con,
            """select count(distinct family_key) from fam as f join kela_benefits as b on b.person_id = f.person_id
                       where b.benefit_code = 'child_benefit' and year(b.payment_month) = f.stat_year""",
        )
        > 0.95 * 1000
    )
    assert one(con, "select count(distinct benefit_code) from kela_benefits") == 8
    assert one(con, "select count(distinct status) from tem_jobseeker_periods") == 4
    assert one(con, "select count(distinct measure) from thl_child_welfare") == 6
    assert one(con, "select count(distinct service_area) from thl_avohilmo_visits") == 7
    assert one(con, "select count(*) from thl_avohilmo_visits where icd10_code is null") > 0
    assert (
        one(con, "select count(*) from thl_avohilmo_visits where icd10_code like 'F%' and icd10_code not like '%.%'")
        > 0
    )
    assert one(con, "select count(*) from thl_avohilmo_visits where icd10_code like 'F%.%'") > 0
    assert (
        one(
            con,
            "select count(distinct specialty_code) from thl_hilmo_episodes where specialty_code in ('70','74','75')",
        )
        == 3
    )
    assert one(con, "select count(*) from kela_medicine_purchases where atc_code like 'N06A%'") > 0
    assert one(con, "select count(*) from kela_medicine_purchases where atc_code like 'N07B%'") > 0
    # every adult in a family has income rows for the years they were adults
    assert (
        one(
            con,
            """select count(*) from fam as f join dvv_persons as p using (person_id)
                       where f.stat_year - year(p.birth_date) >= 18 and not exists (select 1 from vero_income as v
                       where v.person_id = f.person_id and v.tax_year = f.stat_year)""",
        )
        == 0
    )
    # most children aged 1-6 have an ECEC decision, some 3-5-year-olds none
    share = one(
        con,
        """select avg(case when exists (select 1 from varda_ecec_decisions as v where v.child_id = f.person_id)
                        then 1 else 0 end) from fam as f join dvv_persons as p using (person_id)
                        where f.role = 'child' and f.stat_year = 2021 and 2021 - year(p.birth_date) between 3 and 5""",
    )
    assert 0.75 < share < 0.97
