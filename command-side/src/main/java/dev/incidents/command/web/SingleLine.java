package dev.incidents.command.web;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A one-line text field: no control characters such as line breaks, tabs or NUL, and none of the other characters
 * that {@link TextCharacters} lists. Null is valid.
 */
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT})
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = SingleLine.Validator.class)
@interface SingleLine {

    String message() default "must be a single line without control characters, separators or bidirectional"
            + " controls";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<SingleLine, String> {
        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            if (value == null) {
                return true;
            }
            if (value.isEmpty()) {
                context.disableDefaultConstraintViolation();
                context.buildConstraintViolationWithTemplate("is empty; write some text or leave the field out")
                        .addConstraintViolation();
                return false;
            }
            int invalid = TextCharacters.firstInvalidInSingleLine(value);
            if (invalid < 0 && TextCharacters.looksBlank(value)) {
                context.disableDefaultConstraintViolation();
                context.buildConstraintViolationWithTemplate("shows no character, only spaces; write some text or"
                        + " leave the field out").addConstraintViolation();
                return false;
            }
            if (invalid < 0) {
                return true;
            }
            context.disableDefaultConstraintViolation();
            context.buildConstraintViolationWithTemplate("contains " + TextCharacters.describe(value, invalid)
                    + " at position " + invalid + "; use a single line of plain text").addConstraintViolation();
            return false;
        }
    }
}
