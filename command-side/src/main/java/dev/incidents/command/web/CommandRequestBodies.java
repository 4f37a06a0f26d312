package dev.incidents.command.web;

import java.lang.reflect.Type;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.core.MethodParameter;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.servlet.mvc.method.annotation.RequestBodyAdviceAdapter;

/**
 * Keeps the parsed body of an incident command request as a request attribute, so that a rejection by the REST
 * layer can record the business time the body gave. The body is kept before bean validation runs, so it is also
 * there when validation rejects it.
 */
@ControllerAdvice(assignableTypes = IncidentController.class)
class CommandRequestBodies extends RequestBodyAdviceAdapter {

    private static final String BODY_ATTRIBUTE = CommandRequestBodies.class.getName() + ".body";

    /** Returns the parsed body of the current request, or null when it had none or it could not be parsed. */
    static Object of(HttpServletRequest request) {
        return request.getAttribute(BODY_ATTRIBUTE);
    }

    @Override
    public boolean supports(MethodParameter parameter, Type targetType,
                            Class<? extends HttpMessageConverter<?>> converterType) {
        return true;
    }

    @Override
    public Object afterBodyRead(Object body, HttpInputMessage inputMessage, MethodParameter parameter, Type targetType,
                                Class<? extends HttpMessageConverter<?>> converterType) {
        RequestContextHolder.currentRequestAttributes().setAttribute(BODY_ATTRIBUTE, body,
                RequestAttributes.SCOPE_REQUEST);
        return body;
    }
}
