/** Rate limits per action and principal (token buckets) and admission of expensive work (load shedding). */
package org.openahi.core.throttle;
