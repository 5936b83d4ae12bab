import Foundation
import OutputFiles

/// Reading and writing a card as JSON, with errors a person can act on: the line and column of a syntax
/// error, the path and criterion of a wrong field, then every problem `validate()` finds.
extension ScoreCard {
    /// Parses, decodes and validates a card.
    public init(json data: Data) throws(CardError) {
        let tree: Any
        do {
            tree = try JSONSerialization.jsonObject(with: data)
        } catch {
            throw CardError(problems: [JSONSyntax.problem(in: data, error: error)])
        }
        guard tree is [String: Any] else {
            throw CardError(problems: [CardProblem("", "a card is a JSON object ({ … }) with \"format\": \"\(Self.formatName)\"")])
        }
        do {
            self = try JSONDecoder().decode(ScoreCard.self, from: data)
        } catch let error as DecodingError {
            throw CardError(problems: [Self.problem(from: error, tree: tree)])
        } catch {
            throw CardError(problems: [CardProblem("", "\(error)")])
        }
        try validate()
    }

    /// Reads, decodes and validates the card at `path`; errors name the file.
    public static func load(path: String) throws(CardError) -> ScoreCard {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CardError(file: path, problems: [CardProblem("", "cannot read the file; check the path")])
        }
        do {
            return try ScoreCard(json: data)
        } catch {
            throw CardError(file: path, problems: error.problems)
        }
    }

    /// The card as JSON text laid out for people (fields in the documented order, short objects on one
    /// line, the same bytes every time), after validating it: a trainer can never write a card the
    /// scorer would refuse.
    public func jsonData() throws(CardError) -> Data {
        try validate()
        do {
            return Data(JSONLayout.render(try OrderedJSONEncoder().encode(self)).utf8)
        } catch {
            throw CardError(problems: [CardProblem("", "cannot encode the card: \(error)")])
        }
    }

    /// Validates the card and writes it as one `OutputFile`: a file is replaced atomically (synced, then
    /// renamed over the old one), a device such as `/dev/null` is written through, a directory is refused.
    /// - Throws: `CardError` for a card that does not validate, `OutputError` for a path that cannot take it.
    public func write(toPath path: String) throws {
        try OutputFile.write(Array(try jsonData()), to: path)
    }

    private static func problem(from error: DecodingError, tree: Any) -> CardProblem {
        switch error {
        case .typeMismatch(let type, let context):
            return CardProblem(CardLocation.render(context.codingPath, in: tree), "expected \(describe(type))")
        case .valueNotFound(let type, let context):
            return CardProblem(CardLocation.render(context.codingPath, in: tree), "is null; expected \(describe(type))")
        case .keyNotFound(let key, let context):
            return CardProblem(CardLocation.render(context.codingPath, in: tree), "missing required field \"\(key.stringValue)\"")
        case .dataCorrupted(let context):
            return CardProblem(CardLocation.render(context.codingPath, in: tree), context.debugDescription)
        @unknown default:
            return CardProblem("", "\(error)")
        }
    }

    /// JSON words for the Swift types the decoder expected.
    private static func describe(_ type: Any.Type) -> String {
        let name = String(describing: type)
        if name == "String" { return "text in quotes" }
        if name == "Double" || name == "Int" { return "a number" }
        if name == "Bool" { return "true or false" }
        if name.hasPrefix("Array") { return "a list [ … ]" }
        return "an object { … }"
    }
}
