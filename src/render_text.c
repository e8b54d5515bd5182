/* placeholder: replaced by the module implementation */
#include "config.h"
#include "model.h"
int render_text_placeholder_(void);
int render_text_placeholder_(void) { return 0; }
