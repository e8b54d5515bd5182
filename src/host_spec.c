/* placeholder: replaced by the module implementation */
#include "config.h"
#include "model.h"
int host_spec_placeholder_(void);
int host_spec_placeholder_(void) { return 0; }
