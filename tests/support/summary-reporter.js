/**
 * Prints the plain closing line CI reads ("Tests: N passed, N failed, N skipped") after Jest's own summary.
 */
class SummaryReporter {
  onRunComplete(_contexts, results) {
    const skipped = results.numPendingTests + results.numTodoTests;
    const failed = results.numFailedTests + results.numRuntimeErrorTestSuites;
    const line = `Tests: ${results.numPassedTests} passed, ${failed} failed, ${skipped} skipped`;
    // Printed at exit so it stays the last line, after Jest's own summary.
    process.on('exit', () => process.stdout.write(`\n${line}\n`));
  }
}
module.exports = SummaryReporter;
