// `annex generate`: a synthetic dataset of any size.

import AnnexData
import ArgumentParser
import Foundation

struct Generate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write a synthetic dataset of any size (for benchmarks and stress tests; not calibrated to real figures).")

    @Option(name: .long, help: "Number of communes.")
    var communes: Int = 8000

    @Option(name: .long, help: "Seed of the pseudo-random generator.")
    var seed: UInt64 = 1

    @Option(name: [.short, .long], help: ArgumentHelp("Folder to write (made if missing; must not hold a dataset already).", valueName: "dir"))
    var output: String

    func validate() throws {
        guard (1...1_000_000).contains(communes) else { throw ValidationError("--communes must be 1 to 1000000, found \(communes)") }
    }

    func run() throws {
        if FileManager.default.fileExists(atPath: (output as NSString).appendingPathComponent("manifest.yaml")) {
            Stderr.print("annex: \(output) already holds a dataset (manifest.yaml); choose an empty folder")
            throw ExitCode(.cannotWrite)
        }
        do { try SyntheticDataset.write(to: output, communes: communes, seed: seed) } catch {
            Stderr.print("annex: \(output): \(error)"); throw ExitCode(.cannotWrite)
        }
        print("wrote a synthetic dataset of \(communes) communes to \(output)")
    }
}
