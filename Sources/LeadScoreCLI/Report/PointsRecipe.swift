import LeadData
import ScoreCardFormat

/// The notebook's Python cell: the card reloaded from its JSON file and the card format's scoring rules
/// (`RawValue`, `ScoreCard+Totals`) written out in plain Python, applied to a few leads of the data next
/// to the totals LeadScore's scorer gave them — a worked example an analyst can check and then point at
/// their own leads, with nothing but the standard library.
struct PointsRecipe {
    /// One lead: its values for the card's criteria, as the scorer read them, and the scorer's total.
    struct Lead {
        var values: [(feature: String, value: String)]
        var total: Int
    }

    /// The card file, relative to the notebook (Jupyter runs a notebook in its own folder).
    var cardPath: String
    /// The data the leads come from, in words.
    var data: String
    var leads: [Lead]

    /// Up to `count` leads spread over the range of totals, most points first: the leads at evenly
    /// spaced ranks of the totals (the first of equal totals).
    /// - Parameter totals: the card's total of every row of `dataset`, as `CardEvaluation.totals` has them.
    init(card: ScoreCard, cardPath: String, dataset: Dataset, data: String, totals: [Int], count: Int = 5) {
        self.cardPath = cardPath
        self.data = data
        let order = totals.indices.sorted { totals[$0] != totals[$1] ? totals[$0] > totals[$1] : $0 < $1 }
        var rows: [Int] = []
        for step in 0..<count where !order.isEmpty {
            let row = order[(order.count - 1) * step / max(count - 1, 1)]
            if !rows.contains(row) { rows.append(row) }
        }
        var features: [String] = []
        for criterion in card.criteria where !features.contains(criterion.feature) { features.append(criterion.feature) }
        let columns = features.compactMap { feature in dataset.columns.first { $0.name == feature && $0.hasValues } }
        leads = rows.map { row in Lead(values: columns.map { ($0.name, $0.formattedValue(row: row)) }, total: totals[row]) }
    }

    var introduction: String {
        "The cell below reloads the card from \(cardPath) (next to this notebook) and recomputes, in plain Python, the points of a few leads of \(data) — the same totals LeadScore gave them. Point points() at your own leads, e.g. a row of pandas.read_csv(path, dtype=str, keep_default_na=False)."
    }

    var source: String {
        let leadLines = leads.map { lead in
            let values = lead.values.map { "\(PythonSource.string($0.feature)): \(PythonSource.string($0.value))" }.joined(separator: ", ")
            return "    {\"leadscore\": \(lead.total), \"values\": {\(values)}},"
        }
        return Self.rules.replacingOccurrences(of: "CARD_PATH", with: PythonSource.string(cardPath))
            // The data's description is a file name: a string literal, never part of the comment.
            + "\n\n# A few leads of `leads_from`: their values for the card's criteria and the points LeadScore gave them.\n"
            + "leads_from = \(PythonSource.string(data))\n"
            + "leads = [\n" + leadLines.joined(separator: "\n") + "\n]\n"
            + Self.printing
    }

    private static let rules = #"""
        # The card's scoring rules in plain Python (see docs/score-card.md); needs only the standard library.
        import json
        import math
        import re
        from pathlib import Path

        card = json.loads(Path(CARD_PATH).read_text(encoding="utf-8"))

        MISSING = {value.strip(" \t") for value in card.get("missingValues", [])} | {""}
        NUMBER = re.compile(r"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?")


        def read(criterion, raw):
            """A raw value as the criterion's type reads it; None when missing or unreadable."""
            if raw is None:
                return None
            text = str(raw).strip(" \t")
            if text in MISSING:
                return None
            if criterion["type"] == "categorical":
                return text
            number = float(text) if NUMBER.fullmatch(text) else None
            if criterion["type"] == "numeric":
                return number
            if text.lower() in ("yes", "y", "true") or number == 1:
                return True
            if text.lower() in ("no", "n", "false") or number == 0:
                return False
            return None


        def matches(condition, value):
            if "range" in condition:
                bounds = condition["range"]
                return (value > bounds.get("greaterThan", -math.inf) and value >= bounds.get("atLeast", -math.inf)
                        and value < bounds.get("lessThan", math.inf) and value <= bounds.get("atMost", math.inf))
            if "categories" in condition:
                return value in condition["categories"]
            if "is" in condition:
                return value is condition["is"]
            return False


        def condition(criterion, raw):
            """The one condition a value meets: the matching one, else `missing` for a missing value, else `otherwise`."""
            value = read(criterion, raw)
            conditions = criterion["conditions"]
            if value is None:
                found = [c for c in conditions if c.get("missing")]
            else:
                found = [c for c in conditions if matches(c, value)]
            return (found + [c for c in conditions if c.get("otherwise")])[0]


        def points(lead):
            """A lead's total (lead: column name -> raw text): base points, one condition per criterion,
            group subtotals within their caps, the total within 0...maximumPoints."""
            groups = {group["name"]: group for group in card.get("groups", [])}
            subtotals = dict.fromkeys(groups, 0)
            total = card.get("basePoints", 0)
            for criterion in card["criteria"]:
                earned = condition(criterion, lead.get(criterion["feature"]))["points"]
                if criterion.get("group") in groups:
                    subtotals[criterion["group"]] += earned
                else:
                    total += earned
            for name, subtotal in subtotals.items():
                group = groups[name]
                total += min(max(subtotal, group.get("minimumPoints", -math.inf)), group.get("maximumPoints", math.inf))
            return int(min(max(total, 0), card.get("maximumPoints", 100)))


        def tier(total):
            return next((t["name"] for t in card.get("tiers", []) if total >= t["minimumPoints"]), None)


        def probability(total):
            calibration = card.get("calibration") or {}
            for entry in calibration.get("table", []):
                if entry["points"] == total:
                    return entry["probability"]
            form = calibration.get("logistic")
            return 1 / (1 + math.exp(-(form["intercept"] + form["slope"] * total))) if form else None
        """#

    private static let printing = #"""

        for number, lead in enumerate(leads, 1):
            total = points(lead["values"])
            chance = probability(total)
            print(f"lead {number}: {total} points (LeadScore: {lead['leadscore']}), tier {tier(total)}, "
                  f"probability {'-' if chance is None else format(chance, '.1%')}")
        """#
}
