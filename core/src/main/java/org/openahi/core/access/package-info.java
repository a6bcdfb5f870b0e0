/**
 * Who may do what: principals, their access keys and IAM identity policies ({@link AccessFile}), OIDC settings for
 * DICOMweb, and {@link Authorizer}, the one evaluation every front door asks. Knows no HTTP: a front door turns its
 * request into an {@link AccessRequest}.
 */
package org.openahi.core.access;
