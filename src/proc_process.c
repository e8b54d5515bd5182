/* placeholder: replaced by the module implementation */
#include "config.h"
#include "model.h"
int proc_process_placeholder_(void);
int proc_process_placeholder_(void) { return 0; }
