/** The printable release page: one button that opens the browser's print dialog (no inline handler under the CSP). */
document.getElementById('print')?.addEventListener('click', () => window.print());
