/// Splits a `text/event-stream` body into the `data` of each event, however the bytes arrive.
///
/// Events end at a blank line; an event's `data:` lines are joined with newlines; comment lines
/// (`:`) and other fields (`event:`, `id:`, `retry:`) are skipped. Lines end with LF or CRLF. A
/// line is decoded only once whole, so a character split between two reads stays intact.
struct ServerSentEventParser: Sendable {
    private var line: [UInt8] = []
    private var data: [String] = []

    /// The data of the events that `bytes` completes.
    mutating func feed(_ bytes: some Sequence<UInt8>) -> [String] {
        var events: [String] = []
        for byte in bytes {
            guard byte == UInt8(ascii: "\n") else {
                line.append(byte)
                continue
            }
            if line.last == UInt8(ascii: "\r") { line.removeLast() }
            if let event = endLine() { events.append(event) }
        }
        return events
    }

    /// The data of an event the body ended without a blank line after, if any.
    mutating func finish() -> String? {
        if !line.isEmpty { _ = endLine() }
        return endLine()
    }

    /// Takes the current line; returns an event's data when the line was blank and ended one.
    private mutating func endLine() -> String? {
        defer { line.removeAll(keepingCapacity: true) }
        guard !line.isEmpty else {
            defer { data.removeAll() }
            return data.isEmpty ? nil : data.joined(separator: "\n")
        }
        let text = String(decoding: line, as: UTF8.self)
        guard text.hasPrefix("data:") else { return nil }
        var value = text.dropFirst(5)
        if value.first == " " { value = value.dropFirst() }
        data.append(String(value))
        return nil
    }
}
