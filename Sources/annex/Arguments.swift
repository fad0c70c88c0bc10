// The library types that options take as values.

import AnnexAnalytics
import AnnexData
import AnnexRender
import AnnexReport
import ArgumentParser

extension Language: ExpressibleByArgument {}
extension SVGText: ExpressibleByArgument {}
extension OutputFormat: ExpressibleByArgument {}
extension ResultFormatter.Format: ExpressibleByArgument {}
extension FactScope: ExpressibleByArgument {}
