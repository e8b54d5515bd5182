/* The error contract shared by every module (docs/architecture.md,
 * "The error contract"): a function that can fail returns 0 (or a count) or
 * a negative errno value, and is declared _must_check_; a function that
 * cannot fail returns void. What a scan finds wrong with its input is never a
 * return value nor a message handed back: it is a problem in the problem list
 * (base/problems.h), added by the reader that knows the file and line, or
 * made by the caller from a typed reason (an enum and its *_text() function)
 * that a grammar returns. Out of memory aborts (base/alloc.h xmalloc). */
#ifndef DOCKERD_SCAP_CONTRACT_H
#define DOCKERD_SCAP_CONTRACT_H

#define _must_check_ __attribute__((warn_unused_result))

#endif
