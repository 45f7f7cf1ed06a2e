// Vocabulary for synthetic newsroom copy in English and Spanish (with accents and ñ), plus names, places
// and topics for bylines, datelines and tags. Content we wrote; no external corpus.

const split = (s: string): readonly string[] => s.trim().split(/\s+/)

/** Common English news words. */
export const englishWords = split(`
the a of to and in for on that is was with as by at from has have had are were be been will would could
said says after before over under about against between during into through while since until than more most
council city mayor government minister president election vote voters budget tax taxes court judge police
officers report reports residents community school schools hospital health workers union strike talks deal
plan plans project bridge road roads housing prices market markets bank banks interest rates inflation growth
economy jobs unemployment company companies shares investors profit losses energy power gas oil climate
weather storm flooding drought heat fire fires water river coast port airport train trains transport
public private national local regional federal state county district village town region border trade
export imports farmers harvest crops food prices students teachers university research scientists study
data survey poll results campaign candidates party parties opposition coalition parliament senate bill law
laws rules regulation agency officials spokesperson statement interview announced confirmed denied warned
expected estimated reported according sources documents records investigation inquiry review audit million
billion percent year years month months week weeks day days night morning evening today yesterday tomorrow
new old first last next early late major minor key main top high low long short large small big little
good bad better worse best worst strong weak rising falling record increase decrease support opposed
protest protesters crowd rally march festival concert museum gallery theatre film book author artist music
team match season league coach players win won lose lost draw goal goals final cup championship title
children families parents patients doctors nurses care services funding cuts spending costs savings
building buildings construction site sites land development planning permission approval delay delays
safety security risk risks crisis emergency response recovery aid help relief victims survivors
technology internet online digital software app apps phone phones network service system systems
people men women group groups members leaders leader chief director manager owner staff employees
across around along behind beyond near far north south east west central northern southern coastal rural urban
`)

/** Common Spanish news words, with accents and ñ. */
export const spanishWords = split(`
el la los las un una de del al y en por para con sin sobre entre desde hasta según durante tras ante
que como más menos muy también además sin embargo aunque porque cuando donde mientras así ya todavía
ayuntamiento ciudad alcalde alcaldesa gobierno ministro ministra presidente presidenta elecciones votación
votantes presupuesto impuestos tribunal juez jueza policía agentes informe vecinos vecinas comunidad escuela
colegios hospital sanidad trabajadores sindicato huelga negociación acuerdo plan proyecto puente carretera
vivienda precios mercado banco bancos interés tipos inflación crecimiento economía empleo paro empresa
empresas acciones inversores beneficios pérdidas energía electricidad gas petróleo clima tiempo tormenta
inundaciones sequía calor incendio incendios agua río costa puerto aeropuerto tren trenes transporte
público privada nacional local regional estatal provincia comarca municipio pueblo región frontera comercio
exportación importaciones agricultores cosecha cultivos alimentos estudiantes profesores universidad
investigación científicos estudio datos encuesta sondeo resultados campaña candidatos partido partidos
oposición coalición parlamento senado ley leyes normas reglamento agencia portavoz declaración entrevista
anunció confirmó negó advirtió previsto estimó informó fuentes documentos registros investigación auditoría
millones mil por ciento año años mes meses semana semanas día días noche mañana tarde hoy ayer
nuevo nueva primero primera último última próximo próxima gran grande pequeño pequeña alto alta bajo baja
mejor peor fuerte débil récord aumento descenso apoyo rechazo protesta manifestantes multitud marcha
fiesta concierto museo galería teatro película libro autora artista música equipo partido temporada liga
entrenador jugadores ganó perdió empate gol goles final copa campeonato título niños niñas familias padres
pacientes médicos enfermeras cuidados servicios financiación recortes gasto costes ahorro edificio obras
construcción terreno desarrollo urbanismo licencia aprobación retraso seguridad riesgo crisis emergencia
respuesta recuperación ayuda víctimas supervivientes tecnología internet digital aplicación teléfono red
sistema personas hombres mujeres grupo miembros líderes jefe jefa directora director gerente dueño plantilla
empleados norte sur este oeste centro rural urbano costero compañía señal cañón año pequeñas mañanas
lógica política económica pública jurídica acción razón corazón canción opinión reunión decisión
`)

/** Given names for bylines. */
export const givenNames = split(`
Ana Lucía María José Carmen Javier Pablo Sofía Marta Andrés Inés Álvaro Begoña Íñigo Núria Ramón
Sarah James Emily David Laura Michael Olivia Daniel Grace Thomas Priya Kwame Aisha Chen Mateo Zoë
`)

/** Family names for bylines. */
export const familyNames = split(`
García Fernández López Martínez Sánchez Pérez Gómez Muñoz Jiménez Ruiz Hernández Díaz Álvarez Romero
Núñez Peña Smith Johnson Brown Taylor Wilson Davies Evans Patel Okafor Nguyen Kowalski Müller Dubois
`)

/** Places for datelines and tags. */
export const places = split(`
Madrid Barcelona Sevilla València Bilbao Málaga Zaragoza Córdoba Granada Cádiz León Logroño Oviedo
London Manchester Leeds Bristol Glasgow Cardiff Belfast Dublin Paris Berlin Lisbon Rome Brussels
México Bogotá Lima Quito Santiago Montevideo Asunción Caracas Panamá Havana Miami Chicago Toronto
`)

/** Topic stems that tags are built from. */
export const topics = split(`
politics elections economy business markets housing transport health education climate environment
energy science technology culture music film books sport football basketball tennis cycling crime courts
police immigration labour unions agriculture fishing tourism weather floods wildfires drought water
urbanism heritage religion media opinion obituaries local national international europe americas
política elecciones economía empresas vivienda transporte sanidad educación clima medioambiente energía
ciencia tecnología cultura música cine libros deporte fútbol baloncesto tenis ciclismo sucesos tribunales
inmigración trabajo sindicatos agricultura pesca turismo tiempo incendios sequía urbanismo patrimonio
`)

/** Qualifiers combined with topics to grow the tag vocabulary to about 2,000. */
export const qualifiers = split(`
2016 2017 2018 2019 2020 2021 2022 2023 2024 2025 analysis explainer live-updates investigation
data review interview profile reaction budget inquiry special briefing
`)
