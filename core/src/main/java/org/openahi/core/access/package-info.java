/**
 * Who may do what: principals, their access keys and IAM identity policies ({@link org.openahi.core.access.AccessFile}),
 * OIDC settings for DICOMweb, and {@link org.openahi.core.access.Authorizer}, the one evaluation every front door
 * asks. Knows no HTTP: a front door turns its request into an {@link org.openahi.core.access.AccessRequest}.
 */
package org.openahi.core.access;
