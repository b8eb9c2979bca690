package org.manyfaces.error;

/**
 * What every ManyFaces failure has: a stable {@link ErrorCode} and, as its message, one sentence a user can act on.
 *
 * <p>{@link ManyFacesException} is the base class of the unchecked failures. The failures that must stay checked
 * I/O or {@code Exception} types (media files, model downloads, the frame pipeline's report), because the readers
 * and writers declare and catch {@code IOException}, implement this interface directly; Java gives a class one
 * superclass only. {@link Failures} reads either through a failure's cause chain.
 */
public interface CodedFailure {
    ErrorCode code();

    /** The sentence for the user: names what is wrong and, where it helps, what to do. */
    String getMessage();
}
