from newsclean.cli import main

main(prog_name="newsclean")
