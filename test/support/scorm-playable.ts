// SCORM packages that really talk to the runtime, for the player's tests: a single-SCO SCORM 1.2
// package (it reports where it was opened from, moves to page 2 and commits, then passes with a
// score) and a two-SCO SCORM 2004 4th edition package (an introduction that keeps suspend data and
// asks to continue, and a scored quiz with interactions). Each SCO finds the API the standard way,
// walking up its parents, and writes what it read from the runtime into the page for the test.
import { zip } from './scorm-packages';

const FIND_API = `function findApi(name){var w=window,n=0;while(w&&!w[name]&&w.parent&&w.parent!==w&&n<10){w=w.parent;n++;}return w&&w[name];}`;

const page = (title: string, body: string, script: string) =>
  `<!doctype html><html lang="mn"><head><meta charset="utf-8"><title>${title}</title></head><body><h1>${title}</h1>${body}<script>${FIND_API}${script}</script></body></html>`;

/** SCORM 1.2, one SCO: shows cmi.core.entry and lesson_location; "next" saves page2, "finish" passes with 90. */
export function playableScorm12(): Buffer {
  return zip({
    'imsmanifest.xml': `<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="mn.gov.ethics.play12" version="1.0"
  xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2" xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2">
  <metadata><schema>ADL SCORM</schema><schemaversion>1.2</schemaversion></metadata>
  <organizations default="org"><organization identifier="org"><title>Ёс зүйн багц</title>
    <item identifier="ethics" identifierref="res"><title>Ашиг сонирхлын зөрчил</title></item>
  </organization></organizations>
  <resources><resource identifier="res" type="webcontent" adlcp:scormtype="sco" href="index.html"><file href="index.html"/><file href="more/notes.html"/></resource></resources>
</manifest>`,
    'more/notes.html': '<!doctype html><title>Notes</title><p>Тэмдэглэл</p>',
    'index.html': page(
      'Ашиг сонирхол',
      '<p>entry: <output id="entry"></output></p><p>location: <output id="location"></output></p><button id="next" type="button">Next page</button> <button id="finish" type="button">Finish</button>',
      `var api=findApi('API');api.LMSInitialize('');
document.getElementById('entry').textContent=api.LMSGetValue('cmi.core.entry');
document.getElementById('location').textContent=api.LMSGetValue('cmi.core.lesson_location')||'page1';
document.getElementById('next').onclick=function(){api.LMSSetValue('cmi.core.lesson_location','page2');api.LMSSetValue('cmi.core.lesson_status','incomplete');api.LMSSetValue('cmi.suspend_data','seen=1,2');api.LMSCommit('');document.getElementById('location').textContent='page2';};
document.getElementById('finish').onclick=function(){api.LMSSetValue('cmi.core.score.raw','90');api.LMSSetValue('cmi.core.lesson_status','passed');api.LMSSetValue('cmi.core.session_time','00:02:30');api.LMSFinish('');document.getElementById('finish').textContent='Finished';};`,
    ),
  });
}

/** SCORM 2004 4th edition, two SCOs: an introduction (suspend data, continue) and a scored quiz. */
export function playableScorm2004(): Buffer {
  return zip({
    'imsmanifest.xml': `<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="mn.gov.procurement.play2004" version="1"
  xmlns="http://www.imsglobal.org/xsd/imscp_v1p1" xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_v1p3"
  xmlns:imsss="http://www.imsglobal.org/xsd/imsss">
  <metadata><schema>ADL SCORM</schema><schemaversion>2004 4th Edition</schemaversion></metadata>
  <organizations default="org"><organization identifier="org"><title>Худалдан авах ажиллагаа</title>
    <item identifier="intro" identifierref="r-intro"><title>Танилцуулга</title></item>
    <item identifier="quiz" identifierref="r-quiz"><title>Шалгалт</title></item>
    <imsss:sequencing><imsss:controlMode choice="true" flow="true"/></imsss:sequencing>
  </organization></organizations>
  <resources>
    <resource identifier="r-intro" type="webcontent" adlcp:scormType="sco" href="intro.html"><file href="intro.html"/></resource>
    <resource identifier="r-quiz" type="webcontent" adlcp:scormType="sco" href="quiz.html"><file href="quiz.html"/></resource>
  </resources>
</manifest>`,
    'intro.html': page(
      'Танилцуулга',
      '<p>entry: <output id="entry"></output></p><p>suspend: <output id="suspend"></output></p><button id="keep" type="button">Keep</button> <button id="done" type="button">Continue</button>',
      `var api=findApi('API_1484_11');api.Initialize('');
document.getElementById('entry').textContent=api.GetValue('cmi.entry');
document.getElementById('suspend').textContent=api.GetValue('cmi.suspend_data');
document.getElementById('keep').onclick=function(){api.SetValue('cmi.suspend_data','slide=3;notes=тендер');api.SetValue('cmi.location','slide3');api.SetValue('cmi.exit','suspend');api.Commit('');document.getElementById('suspend').textContent='kept';};
document.getElementById('done').onclick=function(){api.SetValue('cmi.completion_status','completed');api.SetValue('cmi.session_time','PT1M');api.SetValue('adl.nav.request','continue');api.Terminate('');};`,
    ),
    'quiz.html': page(
      'Шалгалт',
      '<p>Quiz</p><button id="answer" type="button">Answer</button>',
      `var api=findApi('API_1484_11');api.Initialize('');
document.getElementById('answer').onclick=function(){
api.SetValue('cmi.interactions.0.id','q-threshold');api.SetValue('cmi.interactions.0.type','choice');api.SetValue('cmi.interactions.0.learner_response','b');api.SetValue('cmi.interactions.0.result','correct');api.SetValue('cmi.interactions.0.weighting','1');
api.SetValue('cmi.interactions.1.id','q-deadline');api.SetValue('cmi.interactions.1.type','true-false');api.SetValue('cmi.interactions.1.learner_response','false');api.SetValue('cmi.interactions.1.result','incorrect');api.SetValue('cmi.interactions.1.weighting','1');
api.SetValue('cmi.score.raw','1');api.SetValue('cmi.score.max','2');api.SetValue('cmi.score.min','0');api.SetValue('cmi.score.scaled','0.5');
api.SetValue('cmi.success_status','passed');api.SetValue('cmi.completion_status','completed');api.Terminate('');document.getElementById('answer').textContent='Answered';};`,
    ),
  });
}
