/** Where this server pretends to live (region, account) and AHI resource ARNs built from and parsed into it. */
package org.openahi.core.account;
