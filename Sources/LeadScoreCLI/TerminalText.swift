import Foundation

/// Text for a terminal, where a data value is hostile: a category holding ESC `[2J` would clear the
/// screen, a carriage return would overwrite the line before it, a bidirectional override would reorder
/// what a reader sees. Every line the CLI prints goes through `escaped(_:)` (`printText`, `printError`), so
/// a value from a file or a card is shown, never obeyed. Line feeds and tabs are the CLI's own layout and
/// stay; JSON and CSV output are already escaped by their writers and pass through unchanged.
enum TerminalText {
    /// `text` with each control character (C0 but line feed and tab, DEL, C1) and each bidirectional
    /// override written as a visible `\u{…}` escape.
    static func escaped(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: needsEscape) else { return text }
        var result = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if needsEscape(scalar) {
                result.append(contentsOf: "\\u{\(String(scalar.value, radix: 16, uppercase: true))}".unicodeScalars)
            } else {
                result.append(scalar)
            }
        }
        return String(result)
    }

    private static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x0A, 0x09: return false
        case 0x00...0x1F, 0x7F...0x9F: return true
        case 0x202A...0x202E, 0x2066...0x2069: return true
        default: return false
        }
    }
}

/// A line on standard output, with control characters from data shown escaped (`TerminalText`).
func printText(_ text: String) {
    print(TerminalText.escaped(text))
}
