/**
 * ManyFaces' failures: {@link org.manyfaces.error.ErrorCode} (the stable codes, explained in docs/errors.md),
 * {@link org.manyfaces.error.ManyFacesException} (the base of the unchecked ones), and
 * {@link org.manyfaces.error.Failures} (what a user is told). A leaf: it imports nothing of ManyFaces, so every
 * layer may use it.
 */
package org.manyfaces.error;
