import Foundation

/// The tensors of a checkpoint folder: `model.safetensors`, or the shards that
/// `model.safetensors.index.json` lists in its `weight_map`.
public struct CheckpointTensors: Sendable {
    private let files: [SafetensorsFile]
    private let fileOfTensor: [String: Int]

    /// Opens every safetensors file of the checkpoint in `folder`.
    public init(folder: URL) throws(BigCodeError) {
        let index = folder.appendingPathComponent("model.safetensors.index.json")
        let single = folder.appendingPathComponent("model.safetensors")
        var shardNames: [String]
        if FileManager.default.fileExists(atPath: index.path) {
            guard let data = try? Data(contentsOf: index), let object = try? JSONSerialization.jsonObject(with: data),
                let json = object as? [String: Any], let weightMap = json["weight_map"] as? [String: String]
            else {
                throw .malformedFile(path: index.lastPathComponent, reason: "no weight_map object")
            }
            shardNames = Array(Set(weightMap.values)).sorted()
        } else if FileManager.default.fileExists(atPath: single.path) {
            shardNames = [single.lastPathComponent]
        } else {
            throw .missingFile(path: "model.safetensors")
        }
        var files: [SafetensorsFile] = []
        var fileOfTensor: [String: Int] = [:]
        for shard in shardNames {
            let file = try SafetensorsFile(url: folder.appendingPathComponent(shard))
            for tensor in file.entries.keys { fileOfTensor[tensor] = files.count }
            files.append(file)
        }
        self.files = files
        self.fileOfTensor = fileOfTensor
    }

    /// Every tensor name in the checkpoint.
    public var names: Set<String> { Set(fileOfTensor.keys) }

    /// Whether the checkpoint holds `tensor`.
    public func contains(_ tensor: String) -> Bool { fileOfTensor[tensor] != nil }

    /// The shape of `tensor`.
    public func shape(_ tensor: String) throws(BigCodeError) -> [Int] {
        guard let file = fileOfTensor[tensor] else { throw .missingTensor(name: tensor) }
        return files[file].entries[tensor]!.shape
    }

    /// `tensor` as floats after checking that its shape is `expected`.
    public func floats(_ tensor: String, shape expected: [Int]) throws(BigCodeError) -> [Float] {
        guard let file = fileOfTensor[tensor] else { throw .missingTensor(name: tensor) }
        let actual = files[file].entries[tensor]!.shape
        guard actual == expected else { throw .shapeMismatch(tensor: tensor, expected: expected, actual: actual) }
        return try files[file].floats(tensor)
    }
}
