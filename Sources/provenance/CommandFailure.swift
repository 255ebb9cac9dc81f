/// A bad input or I/O failure, told to the user as one line; the command exits with status 2.
struct CommandFailure: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) {
        self.description = description
    }
}
