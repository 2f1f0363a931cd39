/*
 * idset.c — a string set with a number per key (see st_idset.h).
 *
 * FNV-1a hashing with linear probing, load factor at most 1/2.  Keys are
 * copied into 64 KiB chunks that are only freed together, because a set
 * lives exactly as long as one import.
 */
#include "st_idset.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define CHUNK 65536

struct st_idset_chunk {
	struct st_idset_chunk *next;
	size_t used, size;
	char data[];
};

static uint64_t hash(const char *s)
{
	uint64_t h = 14695981039346656037u;

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211u;
	return h;
}

static size_t slot(const struct st_idset *s, const char *id)
{
	size_t i = (size_t)hash(id) & (s->cap - 1);

	while (s->key[i] && strcmp(s->key[i], id))
		i = (i + 1) & (s->cap - 1);
	return i;
}

long st_idset_get(const struct st_idset *s, const char *id)
{
	if (!s->cap)
		return 0;
	size_t i = slot(s, id);
	return s->key[i] ? s->val[i] : 0;
}

static int rehash(struct st_idset *s, size_t cap)
{
	struct st_idset old = *s;

	s->key = calloc(cap, sizeof *s->key);
	s->val = malloc(cap * sizeof *s->val);
	if (!s->key || !s->val) {
		free(s->key);
		free(s->val);
		s->key = old.key;
		s->val = old.val;
		return -1;
	}
	s->cap = cap;
	for (size_t i = 0; i < old.cap; i++) {
		if (old.key[i]) {
			size_t j = slot(s, old.key[i]);
			s->key[j] = old.key[i];
			s->val[j] = old.val[i];
		}
	}
	free(old.key);
	free(old.val);
	return 0;
}

static const char *copy(struct st_idset *s, const char *id)
{
	size_t len = strlen(id) + 1;
	struct st_idset_chunk *c = s->chunks;

	if (!c || c->size - c->used < len) {
		size_t size = len > CHUNK ? len : CHUNK;
		if (!(c = malloc(sizeof *c + size)))
			return NULL;
		c->next = s->chunks;
		c->used = 0;
		c->size = size;
		s->chunks = c;
	}
	char *p = memcpy(c->data + c->used, id, len);
	c->used += len;
	return p;
}

int st_idset_put(struct st_idset *s, const char *id, long val)
{
	if ((s->n + 1) * 2 > s->cap && rehash(s, s->cap ? s->cap * 2 : 64))
		return -1;
	size_t i = slot(s, id);
	if (!s->key[i]) {
		if (!(s->key[i] = copy(s, id)))
			return -1;
		s->n++;
	}
	s->val[i] = val;
	return 0;
}

void st_idset_release(struct st_idset *s)
{
	while (s->chunks) {
		struct st_idset_chunk *next = s->chunks->next;
		free(s->chunks);
		s->chunks = next;
	}
	free(s->key);
	free(s->val);
	memset(s, 0, sizeof *s);
}
