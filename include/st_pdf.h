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

/* Print the HTML file html (a path) to the PDF file pdf.  The PDF is
 * written to pdf.tmp and renamed over pdf once the browser has written a
 * file that starts with "%PDF".  Returns 0, or -1 with a message in diag
 * (nothing is left at pdf then). */
int st_pdf_print(const char *html, const char *pdf, struct st_diag *diag);

#endif
