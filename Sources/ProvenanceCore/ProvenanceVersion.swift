/// The version of Provenance: what `provenance --version` prints and reports name as their tool's version.
public enum ProvenanceVersion {
    /// Semantic version (semver.org) of this build.
    public static let current = "0.1.0"
}
