// summary-reporter.js — the closing line of a run: "e2e: N passed, N failed"
class Summary {
  constructor() { this.passed = 0; this.failed = 0; }
  onTestEnd(test, result) {
    if (result.status === 'passed') this.passed++;
    else if (result.status !== 'skipped') this.failed++;
  }
  onEnd() {
    console.log(`e2e: ${this.passed} passed, ${this.failed} failed`);
  }
}
module.exports = Summary;
