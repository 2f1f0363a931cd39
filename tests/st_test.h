/*
 * st_test.h — what every cmocka test program includes, first.
 *
 * With -DUNIT_TESTING cmocka replaces malloc, calloc, realloc and free by
 * its own checking versions through macros, so the C library headers that
 * declare them must come before cmocka.h.
 */
#ifndef ST_TEST_H
#define ST_TEST_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#endif
