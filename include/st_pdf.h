/*
 * st_pdf — print an HTML report to PDF with headless Chromium.
 *
 * Chromium is an optional dependency: st_pdf_browser() says whether one is
 * installed, and st_pdf_print() fails with a message that says how to get
 * it.  The browser runs without a sandbox profile of the user's (a fresh
 * temporary --user-data-dir), without network or GPU, and without its own
 * header and footer (the reports print their page numbers themselves).
 */
#ifndef ST_PDF_H
#define ST_PDF_H

#include "st_diag.h"

/* Seconds a browser may take before it is stopped. */
#define ST_PDF_TIMEOUT 120

/* The browser to run: $SAFETRACK_CHROMIUM if set (it must then be
 * executable), else the first of chromium, chromium-browser,
 * google-chrome found on $PATH.  Returns a malloc'd path, or NULL when
 * there is none (message in diag). */
char *st_pdf_browser(struct st_diag *diag);

/* Print the HTML file html (a path) to the PDF file pdf, which the
 * browser overwrites: give it a temporary (st_outfile) and put it in place
 * only on success.  Returns 0 when the browser exited 0 and pdf starts
 * with "%PDF", else -1 with a message in diag. */
int st_pdf_print(const char *html, const char *pdf, struct st_diag *diag);

#endif
