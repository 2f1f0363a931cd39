/*
 * alloc.c — libxml2's allocator hooks and the per-thread budget meter
 * (see st_alloc.h).
 *
 * The hooks must behave exactly like malloc/free when no meter is active,
 * because blocks cross the moment of installation both ways: a document
 * parsed before xmlMemSetup is freed through these hooks, and the reverse.
 * They therefore keep no header of their own and ask the C library for a
 * block's size (malloc_usable_size).
 */
#define _GNU_SOURCE
#include "st_alloc.h"

#include <malloc.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/xmlmemory.h>

/* the clock is read once every this many allocations */
#define CLOCK_EVERY 64

static _Thread_local struct st_alloc_meter *meter;
static _Thread_local unsigned long failures;
static pthread_once_t once = PTHREAD_ONCE_INIT;
static int install_rc = -1;

static double elapsed(const struct st_alloc_meter *m)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (double)(now.tv_sec - m->start.tv_sec) + (now.tv_nsec - m->start.tv_nsec) / 1e9;
}

static void run_out(struct st_alloc_meter *m, enum st_alloc_over why)
{
	if (m->over)
		return;
	m->over = why;
	if (m->stop)
		m->stop(m->arg);
}

/* May n more bytes be allocated under m?  Also where the clock is read. */
static int charge(struct st_alloc_meter *m, size_t n)
{
	if (m->seconds > 0 && ++m->tick % CLOCK_EVERY == 0 && elapsed(m) > m->seconds)
		run_out(m, ST_ALLOC_OVER_TIME);
	if (m->limit && m->used + (long long)n > (long long)m->limit) {
		run_out(m, ST_ALLOC_OVER_MEMORY);
		return -1;
	}
	return 0;
}

static void account(struct st_alloc_meter *m, long long delta)
{
	m->used += delta;
	if (m->used > m->peak)
		m->peak = m->used;
}

static void *hook_malloc(size_t n)
{
	struct st_alloc_meter *m = meter;
	void *p;

	if (m && charge(m, n) != 0) {
		failures++;
		return NULL;
	}
	p = malloc(n);
	if (!p)
		failures++;
	else if (m)
		account(m, (long long)malloc_usable_size(p));
	return p;
}

static void *hook_realloc(void *p, size_t n)
{
	struct st_alloc_meter *m = meter;
	size_t old = p && m ? malloc_usable_size(p) : 0;
	void *q;

	if (m && charge(m, n > old ? n - old : 0) != 0) {
		failures++;
		return NULL;
	}
	q = realloc(p, n);
	if (!q && n)
		failures++;
	else if (q && m)
		account(m, (long long)malloc_usable_size(q) - (long long)old);
	return q;
}

static void hook_free(void *p)
{
	struct st_alloc_meter *m = meter;

	if (p && m)
		account(m, -(long long)malloc_usable_size(p));
	free(p);
}

static char *hook_strdup(const char *s)
{
	size_t n = strlen(s) + 1;
	char *d = hook_malloc(n);

	if (d)
		memcpy(d, s, n);
	return d;
}

static void install(void)
{
	install_rc = xmlMemSetup(hook_free, hook_malloc, hook_realloc, hook_strdup) == 0 ? 0 : -1;
}

unsigned long st_alloc_failures(void)
{
	return failures;
}

void st_alloc_note_failure(void)
{
	failures++;
}

int st_alloc_install(void)
{
	pthread_once(&once, install);
	return install_rc;
}

int st_alloc_meter_begin(struct st_alloc_meter *m)
{
	if (st_alloc_install() != 0)
		return -1;
	m->used = m->peak = 0;
	m->over = ST_ALLOC_WITHIN;
	m->tick = 0;
	clock_gettime(CLOCK_MONOTONIC, &m->start);
	meter = m;
	return 0;
}

enum st_alloc_over st_alloc_meter_end(struct st_alloc_meter *m)
{
	meter = NULL;
	if (!m->over && m->seconds > 0 && elapsed(m) > m->seconds)
		m->over = ST_ALLOC_OVER_TIME;
	return m->over;
}
