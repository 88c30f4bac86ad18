export const id = 850;
export const ids = [850];
export const modules = {

/***/ 4850:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   EnvHttpProxyAgent: () => (/* reexport safe */ undici__WEBPACK_IMPORTED_MODULE_1__.EnvHttpProxyAgent),
/* harmony export */   core: () => (/* reexport module object */ _actions_core__WEBPACK_IMPORTED_MODULE_0__)
/* harmony export */ });
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6421);
/* harmony import */ var undici__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6752);




/***/ })

};

//# sourceMappingURL=850.index.js.map