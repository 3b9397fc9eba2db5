"""Editorial text of each bundled dataset's provenance sidecar (data/<name>.meta.json).

Kept beside the curation script so the sidecars are rebuilt with their checksums in one step.
"""
A = "2026-11-26"  # date the reference sources were accessed
PRODUCER = "Mine Ban Treaty dashboard project, curated from public sources (reference data compiled 2026-11-26)"
LICENCE = "Facts (dates, counts) are not copyrightable; cite the sources as given. Compilation: CC BY 4.0."


def src(name, report, url):
    return {"name": name, "report": report, "url": url, "accessed": A}


SIDECARS = {
    "membership": {
        "title": "Mine Ban Treaty membership: signature, consent and entry into force for 197 states",
        "producer": PRODUCER,
        "sources": [
            src("UN Treaty Collection", "Status of treaty XXVI-5 (snapshot c. 2013, via zmjones/untreaties)",
                "https://github.com/zmjones/untreaties/blob/3265c6ab727ba1041151e078a21ca255494c256a/data/26-5.csv"),
            src("APMBC Implementation Support Unit", "Membership pages", "https://www.apminebanconvention.org/en/membership/"),
            src("ICBL-CMC", "Marshall Islands and Tonga accession news, 2025",
                "https://icblcmc.org/our-impact/tonga-becomes-the-166th-state-party-to-the-mine-ban-treaty"),
            src("Human Rights Watch", "Ukraine suspends vital mine ban treaty, 24 July 2025",
                "https://www.hrw.org/news/2025/07/24/ukraine-suspends-vital-mine-ban-treaty"),
            src("UNODA", "Joining the Mine Ban Convention (Articles 15-17)",
                "https://disarmament.unoda.org/anti-personnel-landmines-convention/joining-the-mine-ban-convention"),
        ],
        "licence": LICENCE,
        "derived": [
            "entry_into_force_date computed under Article 17: 1999-03-01 for instruments deposited by 1998-09-16, "
            "otherwise the first day of the sixth month after deposit; South Sudan's succession dated from independence "
            "(2011-07-09). treaty/ recomputes this and the schema rejects a row that disagrees.",
            "report: the publication behind source_url, named from its address.",
            "note: the doubts in the reference notes, per state.",
            "The reference file's status_2026_11 column is dropped: status is derived by treaty/ from the dated facts "
            "(kept as a test fixture that the derivation must match).",
            "Withdrawal dates are not here: they are events in withdrawals.csv.",
        ],
        "caveats": [
            "Pre-2014 dates rest on one scrape of the UN Treaty Collection from about 2013.",
            "Verified to about 2026-02-20: an accession or withdrawal notified after that could be missing.",
            "Ukraine counts as a State Party; its 2025 'suspension' was found not allowed by the States Parties.",
        ],
        "data_runs_to": "2026-02-20",
    },
    "withdrawals": {
        "title": "Withdrawal event log 2024-2026: precedents, announcements, votes, notifications, effective dates, reactions",
        "producer": PRODUCER,
        "sources": [
            src("National governments, parliaments and press", "One source per row (see report and source_url)",
                "https://www.prawo.pl/akty/dz-u-2025-1514,22192842.html"),
            src("Human Rights Watch / Landmine Monitor 2025", "Notification dates for all five states",
                "https://www.miragenews.com/urgent-call-strengthen-landmine-ban-1580664"),
            src("Norwegian People's Aid", "22MSP: Ukraine's suspension not allowed",
                "https://www.npaid.org/mine-action-and-disarmament/news/states-parties-affirm-ukraines-suspension-not-allowed-under-the-anti-personnel-mine-ban-convention"),
            src("United Nations", "Secretary-General statements SG/SM/22686 and SG/SM/22935",
                "https://press.un.org/en/2025/sgsm22686.doc.htm"),
        ],
        "licence": LICENCE,
        "derived": [
            "report: the publisher(s) of source_url and the year of the event.",
            "date_certainty: exact, inferred, approximate or report_date, read from the curator's DATE remarks in detail.",
            "confidence: 'lower' where every source of the row is Russian or Belarusian state media.",
            "The 22nd Meeting of States Parties' finding on Ukraine (2025-12-05) is recorded as event "
            "suspension_rejected for UKR (it was an 'INT' statement in the reference file).",
            "iso3 'INT' marks international bodies (UN, ICBL, meetings of States Parties).",
            "event 'debate': a documented public debate about leaving in a state that has not moved to leave "
            "(Sweden 2024-11-30 and 2025-11-29; Germany 2025-08-01, a governing-party MP); these were "
            "'statement' rows in the reference file.",
            "event 'stays': a government that has not moved to leave saying its state stays in the treaty "
            "(Norway's foreign minister 2025-04-02, Germany's defence minister 2025-04-27, Thailand's foreign "
            "minister 2025-12-05); 'statement' rows in the reference file. Ukraine's and Poland's early "
            "statements that they would stay remain 'statement': both later moved.",
        ],
        "caveats": [
            "No depositary notification (C.N.) references were found for any state.",
            "Nothing found after 2026-02-20; 'none found' does not mean none happened.",
            "Ukraine's step is a 'suspension', not an Article 20 withdrawal; its legal effect is disputed.",
        ],
        "data_runs_to": "2026-02-20",
    },
    "casualties_global": {
        "title": "Recorded mine/ERW casualties worldwide per year, 1999-2024 (Landmine Monitor)",
        "producer": PRODUCER,
        "sources": [src("Landmine Monitor (ICBL-CMC)", "Landmine Monitor 2000-2025, casualty chapters and launch releases",
                        "https://www.the-monitor.org/")],
        "licence": LICENCE,
        "derived": [
            "Each year's total from the most recent report that states it; killed/injured/unknown only from that same report.",
            "Shares written as fractions of the percentages given (civilian: of casualties whose status was known; "
            "child: of civilian casualties whose age was known).",
            "note: revisions between reports and other doubts, per year.",
        ],
        "caveats": [
            "Recorded casualties only: every report says the true figure is higher.",
            "The Monitor revises earlier years in later reports.",
            "Empty cells: no published figure was found. Nothing is interpolated.",
        ],
        "data_runs_to": "2024-12-31",
    },
    "casualties_by_country": {
        "title": "Recorded mine/ERW casualties for the most affected countries, 2005-2024 (Landmine Monitor)",
        "producer": PRODUCER,
        "sources": [src("Landmine Monitor (ICBL-CMC)", "Country profiles and launch releases, 2010-2025",
                        "https://www.the-monitor.org/")],
        "licence": LICENCE,
        "derived": ["note: unknown-outcome remainders (total minus killed and injured) and source doubts."],
        "caveats": [
            "Coverage is uneven: complete top-10 lists only for 2019, 2020 and 2023.",
            "Recorded casualties only; the Monitor revises earlier years.",
        ],
        "data_runs_to": "2024-12-31",
    },
    "article5": {
        "title": "Article 5 clearance obligations of States Parties: deadlines, extensions, completion, contamination",
        "producer": PRODUCER,
        "sources": [
            src("APMBC Implementation Support Unit", "State Party pages and meeting decisions", "https://www.apminebanconvention.org/"),
            src("Landmine Monitor (ICBL-CMC)", "Mine action country profiles", "https://www.the-monitor.org/"),
            src("Mine Action Review", "Clearing the Mines 2019-2025", "https://www.mineactionreview.org/"),
        ],
        "licence": LICENCE,
        "derived": [
            "Original deadlines derived as entry into force + 10 years (Art. 5(1)) where only the entry-into-force or "
            "deposit date was sourced (flagged in note).",
            "Completion dates known only to the year are stored as YYYY-12-31 with completed_precision 'year'.",
            "completed_precision 'unknown' (completed_date empty) where the notes report a completion whose date "
            "was not found (Suriname, Malawi).",
            "obligations_reopened: true where the notes say the state, after declaring completion, reported "
            "previously unknown mined areas and is bound again under a new deadline (Nigeria, Guinea-Bissau, "
            "Mauritania).",
            "Contamination levels derived from km² with the Monitor's thresholds where no source states one (flagged in note).",
            "report: the publishers of source_url.",
        ],
        "caveats": [
            "current_deadline is 'last confirmed': several extension requests were pending in December 2025.",
            "Completion dates are declaration dates.",
            "Extension counts are minimums where the note says so.",
        ],
        "data_runs_to": "2025-12-31",
    },
    "clearance_annual": {
        "title": "Land cleared and released and anti-personnel mines destroyed per year, worldwide and per country",
        "producer": PRODUCER,
        "sources": [
            src("Landmine Monitor (ICBL-CMC)", "Mine action / contamination and clearance chapters", "https://www.the-monitor.org/"),
            src("Mine Action Review", "Clearing the Mines", "https://www.mineactionreview.org/"),
        ],
        "licence": LICENCE,
        "derived": ["A few land_released_km2 values are sums of cleared, reduced and cancelled areas from the same source (flagged in note)."],
        "caveats": [
            "One row per year per report: editions revise figures and the Monitor and Mine Action Review count differently.",
            "Many values are lower bounds ('at least', 'more than'); note says which.",
            "Country series are sparse.",
        ],
        "data_runs_to": "2024-12-31",
    },
    "alliances": {
        "title": "NATO and EU membership with join and leave dates",
        "producer": PRODUCER,
        "sources": [src("NATO", "Enlargement pages", "https://www.nato.int/cps/en/natohq/topics_49212.htm"),
                    src("European Union", "EU countries", "https://european-union.europa.eu/principles-countries-history/eu-countries_en")],
        "licence": LICENCE,
        "derived": ["NATO founders dated from the treaty's entry into force, 1949-08-24."],
        "caveats": ["EU founders dated 1958-01-01 (EEC)."],
        "data_runs_to": "2026-11-26",
    },
    "ap_mine_use": {
        "title": "Use of anti-personnel mines reported by the Landmine Monitor, 2019-2025",
        "producer": PRODUCER,
        "sources": [src("Landmine Monitor (ICBL-CMC)", "Banning Antipersonnel Mines chapters, 2019-2025",
                        "https://www.the-monitor.org/")],
        "licence": LICENCE,
        "derived": ["allegation: true where the Monitor reports an allegation (Cambodia 2025, denied)."],
        "caveats": ["Non-state armed group rows cover Landmine Monitor 2025 only.",
                    "Reports 2024 and 2025 cited from secondary summaries."],
        "data_runs_to": "2025-10-31",
    },
}
