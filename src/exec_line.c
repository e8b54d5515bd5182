/* placeholder: replaced by the module implementation */
#include "config.h"
#include "model.h"
int exec_line_placeholder_(void);
int exec_line_placeholder_(void) { return 0; }
