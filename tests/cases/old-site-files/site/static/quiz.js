// quiz.js: the interactive quiz, the wrong-answer notebook (错题本) and daily practice
"use strict";
