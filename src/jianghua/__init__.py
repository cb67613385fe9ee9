"""jianghua (讲话): recover the conventional structure of Chinese official speeches."""
