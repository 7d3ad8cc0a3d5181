package org.huxley.expr;

import static java.lang.constant.ConstantDescs.CD_double;
import static java.lang.constant.ConstantDescs.CD_int;

import java.lang.constant.ClassDesc;
import java.lang.constant.MethodTypeDesc;

/**
 * Class and method descriptors shared by the scalar code generators ({@link BytecodeCompiler},
 * {@link ColumnCompiler}): the math helpers they call and their double-valued signatures.
 */
final class ScalarDescs {
    static final ClassDesc CD_MATH = ClassDesc.of(Math.class.getName());
    static final ClassDesc CD_EXPR_MATH = ClassDesc.of(ExprMath.class.getName());
    static final ClassDesc CD_DARR = CD_double.arrayType();
    static final MethodTypeDesc MTD_D_D = MethodTypeDesc.of(CD_double, CD_double);
    static final MethodTypeDesc MTD_D_DD = MethodTypeDesc.of(CD_double, CD_double, CD_double);
    static final MethodTypeDesc MTD_D_DI = MethodTypeDesc.of(CD_double, CD_double, CD_int);
    static final MethodTypeDesc MTD_D_DDD = MethodTypeDesc.of(CD_double, CD_double, CD_double, CD_double);
    static final MethodTypeDesc MTD_D_DDDD = MethodTypeDesc.of(CD_double, CD_double, CD_double, CD_double,
            CD_double);

    private ScalarDescs() {
    }
}
