/* placeholder: replaced by the module implementation */
#include "config.h"
#include "model.h"
int effective_placeholder_(void);
int effective_placeholder_(void) { return 0; }
