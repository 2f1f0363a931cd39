/*
 * st_alloc — the allocator libxml2 and libxslt use, installed once with
 * xmlMemSetup: plain malloc/free underneath, plus a per-thread meter that
 * enforces a budget of memory and time on one piece of work (a report's
 * transformation; see st_report_apply).
 *
 * A template is a program: a doubly recursive one runs for ever, a
 * string-doubling one eats the machine.  Every node, string and XPath
 * object libxslt makes goes through these hooks, so they are where such a
 * program can be seen and stopped: the meter counts the bytes live since it
 * began (malloc_usable_size, so blocks allocated before it and freed under
 * it are no problem), refuses an allocation that would pass the limit, and
 * looks at the clock every few allocations.  When either budget runs out
 * it calls the meter's stop function once (libxslt: xsltStopEngine).
 */
#ifndef ST_ALLOC_H
#define ST_ALLOC_H

#include <stddef.h>
#include <time.h>

enum st_alloc_over { ST_ALLOC_WITHIN = 0, ST_ALLOC_OVER_MEMORY, ST_ALLOC_OVER_TIME };

struct st_alloc_meter {
	/* set by the caller */
	size_t limit;               /* bytes live at once; 0: no limit */
	double seconds;             /* wall-clock seconds; 0: no limit */
	void (*stop)(void *arg);    /* called once when a budget runs out, or NULL */
	void *arg;
	/* kept by st_alloc */
	long long used;             /* bytes allocated minus bytes freed since begin */
	long long peak;
	enum st_alloc_over over;    /* which budget ran out, if any */
	struct timespec start;
	unsigned tick;
};

/* Install the hooks with xmlMemSetup (once per process; later calls do
 * nothing).  Returns 0, or -1 if libxml2 refused them. */
int st_alloc_install(void);

/* How many of this thread's libxml2/libxslt allocations have failed so far
 * (out of memory, or refused by a meter).  libxml2 and libxslt do not
 * always pass a failed allocation on — an XPath node set that could not
 * grow is returned short, a string that could not be made is left empty —
 * so a caller that must not return a wrong result compares this count
 * before and after its work.  Counts only once st_alloc_install() ran. */
unsigned long st_alloc_failures(void);

/* Count a failed allocation of the project's own that its caller may
 * not pass on (st_buf's: a composed text that ran out of memory reads as
 * empty), so that the same before-and-after comparison catches it. */
void st_alloc_note_failure(void);

/* Meter this thread's libxml2 allocations with m until st_alloc_meter_end;
 * installs the hooks if needed.  Returns 0, or -1 if they could not be. */
int st_alloc_meter_begin(struct st_alloc_meter *m);
/* Stop metering; checks the clock one last time.  Returns m->over. */
enum st_alloc_over st_alloc_meter_end(struct st_alloc_meter *m);

#endif
