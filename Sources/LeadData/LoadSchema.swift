import Foundation
import LeadCSV

/// A schema file: the load options of one export, kept next to it so every command reads it the same way.
///
/// ```json
/// {
///   "target": "Converted",
///   "positive": "1",
///   "missing": ["Select"],
///   "exclude": ["Tags", "Lead Quality"],
///   "roles": {"Lead Number": "identifier", "OperatingSystems": "categorical"},
///   "delimiter": ",",
///   "decimal": "."
/// }
/// ```
/// Every key is optional. Roles are `numeric`, `boolean`, `categorical`, `identifier`, `date`, `excluded`.
/// Unknown keys are an error, so a misspelt key cannot be silently ignored.
public struct LoadSchema: Sendable, Equatable, Decodable {
    /// The outcome column (`LoadOptions.target`).
    public var target: String?
    /// The outcome value that means converted (`LoadOptions.positiveLabel`).
    public var positive: String?
    /// Texts that mean no value in this file (`LoadOptions.missingTokens`).
    public var missing: [String]?
    /// Columns to leave out (`LoadOptions.excluded`).
    public var exclude: [String]?
    /// Roles by column name (`LoadOptions.roles`).
    public var roles: [String: ColumnRole]?
    /// The field separator: one character, or `tab`.
    public var delimiter: String?
    /// The decimal mark: `.` or `,`.
    public var decimal: String?

    private enum Key: String, CodingKey, CaseIterable {
        case target, positive, missing, exclude, roles, delimiter, decimal
    }

    /// Any key, so the keys present can be checked against the known ones.
    private struct AnyKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    public init(from decoder: any Decoder) throws {
        let names = try decoder.container(keyedBy: AnyKey.self).allKeys.map(\.stringValue)
        if let unknown = names.first(where: { Key(rawValue: $0) == nil }) {
            let known = Key.allCases.map(\.rawValue).joined(separator: ", ")
            throw SchemaProblem("unknown key \"\(unknown)\"; the keys are \(known)")
        }
        let container = try decoder.container(keyedBy: Key.self)
        target = try container.decodeIfPresent(String.self, forKey: .target)
        positive = try container.decodeIfPresent(String.self, forKey: .positive)
        missing = try container.decodeIfPresent([String].self, forKey: .missing)
        exclude = try container.decodeIfPresent([String].self, forKey: .exclude)
        delimiter = try container.decodeIfPresent(String.self, forKey: .delimiter)
        decimal = try container.decodeIfPresent(String.self, forKey: .decimal)
        roles = try container.decodeIfPresent([String: String].self, forKey: .roles)?.mapValues { name in
            guard let role = ColumnRole(rawValue: name) else {
                let known = ColumnRole.allCases.map(\.rawValue).joined(separator: ", ")
                throw SchemaProblem("roles: \"\(name)\" is not a role; the roles are \(known)")
            }
            return role
        }
    }

    /// Reads and checks the schema file at `path`.
    public static func read(path: String) throws(LoadError) -> LoadSchema {
        let location = SourceLocation(path: path)
        guard let data = FileManager.default.contents(atPath: path) else {
            throw LoadError(.invalidSchema(reason: "cannot read the schema file; check the path"), location)
        }
        do {
            return try JSONDecoder().decode(LoadSchema.self, from: data)
        } catch let problem as SchemaProblem {
            throw LoadError(.invalidSchema(reason: problem.reason), location)
        } catch {
            throw LoadError(.invalidSchema(reason: "not a valid schema (\(Self.explain(error))); its keys are target, positive, missing, exclude, roles, delimiter and decimal"), location)
        }
    }

    private static func explain(_ error: any Error) -> String {
        switch error {
        case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context),
             DecodingError.keyNotFound(_, let context), DecodingError.dataCorrupted(let context):
            let path = context.codingPath.map(\.stringValue).joined(separator: ".")
            return path.isEmpty ? context.debugDescription : "\(path): \(context.debugDescription)"
        default:
            return "\(error)"
        }
    }

    private struct SchemaProblem: Error {
        var reason: String
        init(_ reason: String) { self.reason = reason }
    }
}

extension LoadOptions {
    /// These options completed by a schema read from `schemaPath`: what the options already say wins (a
    /// command-line flag overrides the file); missing tokens, exclusions and roles are combined.
    public func applying(_ schema: LoadSchema, from schemaPath: String) throws(LoadError) -> LoadOptions {
        var merged = self
        merged.target = target ?? schema.target
        merged.positiveLabel = positiveLabel ?? schema.positive
        merged.missingTokens = (schema.missing ?? []) + missingTokens
        merged.excluded = (schema.exclude ?? []) + excluded
        merged.roles = (schema.roles ?? [:]).merging(roles) { _, flag in flag }
        if delimiter == nil, let text = schema.delimiter {
            guard let byte = Self.delimiterByte(text) else {
                throw LoadError(.invalidSchema(reason: "delimiter \"\(text)\" is not a single character such as \",\" \";\" or \"tab\""), SourceLocation(path: schemaPath))
            }
            merged.delimiter = byte
        }
        if let text = schema.decimal, decimalSeparator == UInt8(ascii: ".") {
            guard text == "." || text == "," else {
                throw LoadError(.invalidSchema(reason: "decimal \"\(text)\" must be \".\" or \",\""), SourceLocation(path: schemaPath))
            }
            merged.decimalSeparator = UInt8(ascii: text == "," ? "," : ".")
        }
        return merged
    }
}
