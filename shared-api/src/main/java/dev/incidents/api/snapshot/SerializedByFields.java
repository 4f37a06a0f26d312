package dev.incidents.api.snapshot;

import com.fasterxml.jackson.annotation.JacksonAnnotationsInside;
import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a class of the incident aggregate's state that Jackson writes and reads through its fields alone, for
 * aggregate snapshots. Methods never count as properties, so a method such as {@code setTargets(Instant)} is no
 * setter and {@code status()} no getter. Jackson creates the instance with the class's no-argument constructor,
 * which may be private, and then sets every non-transient field, final ones included.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@JacksonAnnotationsInside
@JsonAutoDetect(fieldVisibility = Visibility.ANY, getterVisibility = Visibility.NONE,
        isGetterVisibility = Visibility.NONE, setterVisibility = Visibility.NONE,
        creatorVisibility = Visibility.NONE)
public @interface SerializedByFields {
}
