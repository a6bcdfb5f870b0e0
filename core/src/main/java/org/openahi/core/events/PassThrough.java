package org.openahi.core.events;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;

/**
 * A repository of the transaction with a few of its writes observed and every other call passed through, so the
 * repositories can grow without this package changing. The observed methods are named in the recorders, and the
 * recording contract (store-tck) fails if one stops being called.
 */
final class PassThrough {
    /** Answers a call: {@code call.proceed()} for one not observed, or around the observation. */
    @FunctionalInterface
    interface Observer {
        Object observe(Method method, Object[] args, Call call) throws Throwable;
    }

    /** The delegate's own call. */
    @FunctionalInterface
    interface Call {
        Object proceed() throws Throwable;
    }

    private PassThrough() {}

    static <R> R of(Class<R> type, R delegate, Observer observer) {
        InvocationHandler handler = (proxy, method, args) -> {
            Call call = () -> {
                try {
                    return method.invoke(delegate, args);
                } catch (InvocationTargetException e) {
                    throw e.getCause();
                }
            };
            if (method.getDeclaringClass() == Object.class) {
                return call.proceed();
            }
            return observer.observe(method, args, call);
        };
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, handler));
    }
}
