import Foundation
import ScoreCardFormat

/// Escaping for the two languages a report is written in. Every text that comes from a card or a data
/// file — criterion and category names, tier actions, file names — passes through one of these, so a
/// category called `<b>` or `$1|2` shows literally instead of turning into markup.
enum Markup {
    /// Text for HTML and SVG content and for attribute values in double or single quotes.
    ///
    /// Scalar by scalar, not `Character` by `Character`: a quote followed by a combining mark is one
    /// `Character` that is not `"`, and would pass unescaped and close an attribute. Control characters that
    /// XML forbids (the SVG images of a notebook are XML) become U+FFFD, so a stray byte in a name cannot
    /// make a plot unreadable.
    static func html(_ text: String) -> String {
        var escaped = ""
        escaped.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            case "'": escaped += "&#39;"
            default: escaped.unicodeScalars.append(isXMLCharacter(scalar) ? scalar : "\u{FFFD}")
            }
        }
        return escaped
    }

    /// Text for a Jupyter markdown cell, also inside a table cell: `&`, `<` and `>` as entities (markdown
    /// cells render raw HTML), markdown's inline punctuation behind a backslash, `$` too (Jupyter reads it
    /// as LaTeX), a leading list or quote marker escaped, line breaks and tabs as spaces (a table row is one
    /// line), other control characters as U+FFFD. Scalar by scalar, like `html`: `|` plus a combining mark
    /// would otherwise split a table cell.
    static func markdown(_ text: String) -> String {
        var escaped = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\\", "`", "*", "_", "[", "]", "|", "#", "~", "$":
                escaped.unicodeScalars.append("\\")
                escaped.unicodeScalars.append(scalar)
            case "\t", "\n", "\r", "\u{0B}", "\u{0C}", "\u{85}", "\u{2028}", "\u{2029}":
                escaped.append(" ")
            default:
                // Other control characters (C0, DEL, C1) show as U+FFFD: they mean nothing in a table.
                escaped.unicodeScalars.append(scalar.properties.generalCategory == .control ? "\u{FFFD}" : scalar)
            }
        }
        // "- x", "+ x" and "1. x" at the start would begin a list.
        if escaped.hasPrefix("-") || escaped.hasPrefix("+") {
            escaped.insert("\\", at: escaped.startIndex)
        } else if let marker = escaped.firstIndex(where: { !$0.isNumber }), marker != escaped.startIndex,
                  escaped[marker] == "." || escaped[marker] == ")", escaped[escaped.index(after: marker)...].hasPrefix(" ") {
            escaped.insert("\\", at: marker)
        }
        return escaped
    }

    /// Whether XML 1.0 allows the scalar in a document: tab, line feed, carriage return, and everything from
    /// U+0020 on except the noncharacters U+FFFE and U+FFFF (surrogates cannot occur in a Swift string).
    private static func isXMLCharacter(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09, 0x0A, 0x0D: return true
        case 0..<0x20, 0xFFFE, 0xFFFF: return false
        default: return true
        }
    }
}

/// How numbers read in a report: the same spelling in both formats.
enum ReportNumber {
    static func percent(_ value: Double, digits: Int = 1) -> String {
        value.isFinite ? String(format: "%.\(digits)f %%", value * 100) : "–"
    }

    static func fixed(_ value: Double, digits: Int = 3) -> String {
        value.isFinite ? String(format: "%.\(digits)f", value) : "–"
    }

    /// A count with thin spaces between thousands: `20 000`.
    static func count(_ value: Int) -> String {
        let digits = String(value.magnitude)
        var grouped = ""
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { grouped += "\u{202F}" }
            grouped.append(digit)
        }
        return (value < 0 ? "−" : "") + grouped
    }

    /// A cut point as a person writes it: at most 6 significant digits, so a stored `2.0629999999999997`
    /// reads `2.063`; whole numbers without a point; a real minus sign.
    static func decimal(_ value: Double) -> String {
        guard value.isFinite else { return value > 0 ? "∞" : "−∞" }
        var text: String
        if value == value.rounded(), abs(value) < 1e15 {
            text = String(Int(value))
        } else {
            text = String(format: "%.6g", value)
            if text.contains("e") { text = RawValue.format(value) }
        }
        return text.hasPrefix("-") ? "−" + text.dropFirst() : text
    }

    /// A numeric range in interval notation without float noise: `(2.063, 2.3055]`, `[3, ∞)`, `(−∞, 0]`.
    static func range(_ range: NumericRange) -> String {
        let low = range.lower.map { ($0.inclusive ? "[" : "(") + decimal($0.value) } ?? "(−∞"
        let high = range.upper.map { decimal($0.value) + ($0.inclusive ? "]" : ")") } ?? "∞)"
        return "\(low), \(high)"
    }

    /// Points with a real minus sign, as a person writes them: `+12`, `−5`, `0`.
    static func points(_ value: Int, signed: Bool = false) -> String {
        if value < 0 { return "−\(value.magnitude)" }
        return signed && value > 0 ? "+\(value)" : "\(value)"
    }
}
